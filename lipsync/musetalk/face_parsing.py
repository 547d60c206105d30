"""Face parsing for blend masks: BiSeNet (ResNet-18 context path) with MuseTalk's face-parse-bisent weights.

Written from the architecture's description so `79999_iter.pth` (a plain state_dict) loads strictly with
`torch.load(weights_only=True)`. Only avatar preparation imports this module (torch).
The `jaw` mode follows MuseTalk v1.5: skin dilated downward with a cone-and-stem kernel, eroded flat
in the outer cheek columns, the nose left out, lips and mouth always in.
"""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from lipsync.musetalk.layout import FACE_PARSE_WEIGHTS

PARSE_SIZE = 512  # px, the network's input
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
SKIN, NOSE, MOUTH_LABELS = 1, 10, (11, 12, 13)  # CelebAMask-HQ labels: skin, nose, mouth + upper/lower lip
CHEEK_WIDTH = 90  # px on the 512 grid: columns beyond centre +- this are "cheeks" (v1.5 realtime setting)
CONE_HEIGHT, STEM_HEIGHT = 21, 12  # rows of the downward dilation kernel


class ConvBNReLU(nn.Module):
    def __init__(self, cin: int, cout: int, ks: int = 3, stride: int = 1, padding: int = 1) -> None:
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, ks, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.bn(self.conv(x)))


class BasicBlock(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
                           if cin != cout or stride != 1 else None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        residual = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu((x if self.downsample is None else self.downsample(x)) + residual)


class ResNet18(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1, self.layer2, self.layer3, self.layer4 = (
            nn.Sequential(BasicBlock(cin, cout, stride), BasicBlock(cout, cout))
            for cin, cout, stride in ((64, 64, 1), (64, 128, 2), (128, 256, 2), (256, 512, 2)))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        x = self.layer1(self.maxpool(F.relu(self.bn1(self.conv1(x)))))
        feat8 = self.layer2(x)  # 1/8
        feat16 = self.layer3(feat8)  # 1/16
        return feat8, feat16, self.layer4(feat16)  # 1/32


class AttentionRefinement(nn.Module):
    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.conv = ConvBNReLU(cin, cout)
        self.conv_atten = nn.Conv2d(cout, cout, 1, bias=False)
        self.bn_atten = nn.BatchNorm2d(cout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        feat = self.conv(x)
        return feat * torch.sigmoid(self.bn_atten(self.conv_atten(feat.mean((2, 3), keepdim=True))))


class ContextPath(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.resnet = ResNet18()
        self.arm16 = AttentionRefinement(256, 128)
        self.arm32 = AttentionRefinement(512, 128)
        self.conv_head32 = ConvBNReLU(128, 128)
        self.conv_head16 = ConvBNReLU(128, 128)
        self.conv_avg = ConvBNReLU(512, 128, ks=1, padding=0)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        feat8, feat16, feat32 = self.resnet(x)
        avg = self.conv_avg(feat32.mean((2, 3), keepdim=True))
        up32 = self.conv_head32(F.interpolate(self.arm32(feat32) + avg, feat16.shape[2:], mode="nearest"))
        up16 = self.conv_head16(F.interpolate(self.arm16(feat16) + up32, feat8.shape[2:], mode="nearest"))
        return feat8, up16


class FeatureFusion(nn.Module):
    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.convblk = ConvBNReLU(cin, cout, ks=1, padding=0)
        self.conv1 = nn.Conv2d(cout, cout // 4, 1, bias=False)
        self.conv2 = nn.Conv2d(cout // 4, cout, 1, bias=False)

    def forward(self, spatial: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        feat = self.convblk(torch.cat([spatial, context], dim=1))
        atten = torch.sigmoid(self.conv2(F.relu(self.conv1(feat.mean((2, 3), keepdim=True)))))
        return feat * atten + feat


class Head(nn.Module):
    def __init__(self, cin: int, mid: int, classes: int) -> None:
        super().__init__()
        self.conv = ConvBNReLU(cin, mid)
        self.conv_out = nn.Conv2d(mid, classes, 1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv_out(self.conv(x))


class BiSeNet(nn.Module):
    """19-class face parser; the auxiliary heads exist only so the checkpoint loads strictly."""

    def __init__(self, classes: int = 19) -> None:
        super().__init__()
        self.cp = ContextPath()
        self.ffm = FeatureFusion(256, 256)
        self.conv_out = Head(256, 256, classes)
        self.conv_out16 = Head(128, 64, classes)
        self.conv_out32 = Head(128, 64, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        feat8, context8 = self.cp(x)
        logits = self.conv_out(self.ffm(feat8, context8))  # [B, 19, H/8, W/8]
        return F.interpolate(logits, x.shape[2:], mode="bilinear", align_corners=True)  # [B, 19, H, W]


def load_parser(folder: Path, device: torch.device) -> BiSeNet:
    """BiSeNet with the weights in `folder` (models/face-parse-bisent)."""
    net = BiSeNet()
    net.load_state_dict(torch.load(folder / FACE_PARSE_WEIGHTS, map_location="cpu", weights_only=True), strict=True)
    return net.to(device).eval()


def _jaw_kernels() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cone-and-stem dilation kernel, the flat cheek erosion kernel and the cheek-column mask (512 grid)."""
    size = CONE_HEIGHT + STEM_HEIGHT
    kernel = np.zeros((size, size), np.uint8)
    centre = size // 2
    for row in range(CONE_HEIGHT // 2, CONE_HEIGHT):
        half = row - CONE_HEIGHT // 2
        kernel[row, centre - half: centre + half + 1] = 1
    half = int(kernel[CONE_HEIGHT - 1].sum()) // 2
    kernel[CONE_HEIGHT:, max(0, centre - half): centre + half + 1] = 1
    cheeks = np.zeros((PARSE_SIZE, PARSE_SIZE), np.uint8)
    cheeks[:, : PARSE_SIZE // 2 - CHEEK_WIDTH + 1] = 255
    cheeks[:, PARSE_SIZE // 2 + CHEEK_WIDTH:] = 255
    return kernel, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (35, 3)), cheeks


@torch.inference_mode()
def jaw_region(net: BiSeNet, crop: np.ndarray) -> np.ndarray:
    """uint8 0/255 mask [h, w] of the area MuseTalk may repaint (v1.5 `jaw` mode) in a BGR crop."""
    h, w = crop.shape[:2]
    rgb = cv2.resize(crop, (PARSE_SIZE, PARSE_SIZE), interpolation=cv2.INTER_LINEAR)[..., ::-1] / 255.0
    x = torch.from_numpy(((rgb - IMAGENET_MEAN) / IMAGENET_STD).astype(np.float32)).permute(2, 0, 1)[None]
    labels = net(x.to(next(net.parameters()).device)).argmax(1)[0].cpu().numpy()  # [512, 512]
    kernel, cheek_kernel, cheeks = _jaw_kernels()
    skin = np.where(labels == SKIN, 255, 0).astype(np.uint8)
    dilated = cv2.dilate(skin, kernel, iterations=1)
    eroded = cv2.erode(dilated, cheek_kernel, iterations=2)
    face = cv2.bitwise_or(cv2.bitwise_and(eroded, cheeks), cv2.bitwise_and(dilated, cv2.bitwise_not(cheeks)))
    region = ((face == 255) & (labels != NOSE)) | np.isin(labels, MOUTH_LABELS)
    return cv2.resize(region.astype(np.uint8) * 255, (w, h), interpolation=cv2.INTER_LINEAR)
