// Just enough of ISO BMFF (MP4) to hand an H.264 track to WebCodecs: its avcC and its samples in decode order.

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl"]);
const VISUAL_ENTRY_BYTES = 78; // a VisualSampleEntry's fields before its child boxes (ISO 14496-12 §12.1.3)
const STSD_HEADER_BYTES = 8; // version/flags + entry_count

const hex = (b) => b.toString(16).padStart(2, "0");

/** The RFC 6381 codec of an avcC payload starting at `at` (configurationVersion, profile, compatibility, level). */
export function avcCodec(bytes, at) {
  return `avc1.${hex(bytes[at + 1])}${hex(bytes[at + 2])}${hex(bytes[at + 3])}`;
}

function fourcc(bytes, at) {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}

/** The boxes in bytes [start, end), with containers' children under `children` (64-bit sizes read). */
function boxes(view, start, end) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const out = [];
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) throw new Error(`MP4: bad box at byte ${at}`);
    const type = fourcc(bytes, at + 4);
    const box = { type, start: at + header, end: at + size };
    if (CONTAINERS.has(type)) box.children = boxes(view, box.start, box.end);
    out.push(box);
    at += size;
  }
  return out;
}

const child = (box, type) => box.children?.find((b) => b.type === type);

/** Entries of a full box's u32 table: `fields` u32s per entry after version/flags and entry_count. */
function table(view, box, fields) {
  const count = view.getUint32(box.start + 4);
  const first = box.start + 8;
  return Array.from({ length: count }, (_, i) => Array.from({ length: fields }, (__, j) => view.getUint32(first + 4 * (i * fields + j))));
}

/** The sample table's byte ranges, in decode order, with their sync flags. */
function samples(view, stbl) {
  const stsz = child(stbl, "stsz");
  const fixed = view.getUint32(stsz.start + 4);
  const count = view.getUint32(stsz.start + 8);
  const sizes = Array.from({ length: count }, (_, i) => fixed || view.getUint32(stsz.start + 12 + 4 * i));
  const co64 = child(stbl, "co64");
  const chunks = co64
    ? Array.from({ length: view.getUint32(co64.start + 4) }, (_, i) => Number(view.getBigUint64(co64.start + 8 + 8 * i)))
    : table(view, child(stbl, "stco"), 1).map(([offset]) => offset);
  const stsc = table(view, child(stbl, "stsc"), 3); // [first_chunk (1-based), samples_per_chunk, description]
  const stss = child(stbl, "stss");
  const sync = stss ? new Set(table(view, stss, 1).map(([n]) => n - 1)) : null;
  const out = [];
  for (let c = 0, run = 0; c < chunks.length && out.length < count; c++) {
    while (run + 1 < stsc.length && stsc[run + 1][0] - 1 <= c) run++;
    let offset = chunks[c];
    for (let s = 0; s < stsc[run][1] && out.length < count; s++) {
      const index = out.length;
      out.push({ offset, size: sizes[index], key: sync ? sync.has(index) : true });
      offset += sizes[index];
    }
  }
  return out;
}

/**
 * The first H.264 video track of an MP4: {codec, description (the avcC payload), width, height, samples:
 * [{offset, size, key}]} in decode order. Throws when there is none, or when its frames are reordered (ctts).
 */
export function videoTrack(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const moov = boxes(view, 0, bytes.byteLength).find((b) => b.type === "moov");
  if (!moov) throw new Error("MP4: no moov box");
  for (const trak of moov.children.filter((b) => b.type === "trak")) {
    const stbl = child(child(child(trak, "mdia"), "minf"), "stbl");
    const stsd = stbl && child(stbl, "stsd");
    const entry = stsd && stsd.start + STSD_HEADER_BYTES;
    if (!entry || fourcc(bytes, entry + 4) !== "avc1") continue;
    if (child(stbl, "ctts")) throw new Error("MP4: reordered frames (B-frames) are not supported");
    const entryEnd = entry + view.getUint32(entry);
    const avcC = boxes(view, entry + 8 + VISUAL_ENTRY_BYTES, entryEnd).find((b) => b.type === "avcC");
    if (!avcC) throw new Error("MP4: avc1 without avcC");
    return {
      codec: avcCodec(bytes, avcC.start),
      description: bytes.slice(avcC.start, avcC.end),
      width: view.getUint16(entry + 8 + 24),
      height: view.getUint16(entry + 8 + 26),
      samples: samples(view, stbl),
    };
  }
  throw new Error("MP4: no H.264 video track");
}
