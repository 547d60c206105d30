// AudioWorklet: the microphone (an AudioContext at 16 kHz) as 16-bit PCM chunks of CHUNK samples, with their loudness.

const CHUNK = 4000; // samples: 250 ms at 16 kHz

class PcmChunker extends AudioWorkletProcessor {
  constructor() {
    super();
    this.buffer = new Int16Array(CHUNK);
    this.filled = 0;
    this.energy = 0;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      const sample = Math.max(-1, Math.min(1, channel[i]));
      this.buffer[this.filled++] = sample * 0x7fff;
      this.energy += sample * sample;
      if (this.filled === CHUNK) {
        const rms = Math.sqrt(this.energy / CHUNK);
        this.port.postMessage({ pcm: this.buffer.buffer, rms }, [this.buffer.buffer]);
        this.buffer = new Int16Array(CHUNK);
        this.filled = 0;
        this.energy = 0;
      }
    }
    return true;
  }
}

registerProcessor("pcm-chunker", PcmChunker);
