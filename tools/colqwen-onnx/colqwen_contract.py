"""The ONNX contract of the local ColQwen2.5 generator (contract version 1), as PyTorch modules.

Both the export of the real model (export.py) and the tiny test model (make_tiny_model.py) wrap their weights in
these modules, so the graphs a user exports and the graph the tests run are built by the same code.

The wrapped model only has to expose Qwen2.5-VL's weights under Hugging Face's attribute names:
- vision tower: ``patch_embed`` (module taking [N, 1176]), ``blocks[i].norm1/.norm2/.mlp`` (called as is),
  ``blocks[i].attn.qkv/.proj/.num_heads``, ``merger`` (called as is), ``rotary_pos_emb.inv_freq``,
  ``fullatt_block_indexes``;
- language model: ``embed_tokens``, ``layers[i].input_layernorm/.post_attention_layernorm/.mlp`` (called as is),
  ``layers[i].self_attn.q_proj/.k_proj/.v_proj/.o_proj``, ``norm``;
- head: ``custom_text_proj`` (colpali's Linear(hidden, 128)).

Everything data-dependent in Qwen2.5-VL (window index, rotary positions, multimodal rotary positions) is an input
the client computes, so the graphs hold no Python control flow. See docs/local-colqwen.md for the table of inputs.
"""
import math
from dataclasses import dataclass
from typing import List

import torch
from torch import nn

CONTRACT = "colqwen-onnx/1"
PATCH_SIZE = 14
MERGE_SIZE = 2
TEMPORAL_PATCH_SIZE = 2
PATCH_VALUES = 3 * TEMPORAL_PATCH_SIZE * PATCH_SIZE * PATCH_SIZE  # 1176
MERGE_UNIT = MERGE_SIZE * MERGE_SIZE


@dataclass
class TextSpec:
    """What the language model's config says about attention and rotary embeddings."""

    num_heads: int
    num_kv_heads: int
    head_dim: int
    rope_theta: float
    mrope_section: List[int]  # e.g. [16, 24, 24]: rotary frequencies given to the t, h and w positions


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def masked_softmax_attention(q, k, v, bias):
    """softmax(q kᵀ / √d + bias) v, in float32 as Hugging Face's eager attention does."""
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    if bias is not None:
        scores = scores + bias
    return torch.matmul(torch.softmax(scores, dim=-1), v)


def vision_attention(attn, x, cos, sin, bias):
    """Qwen2.5-VL vision attention over x [B, P, D]; bias is an additive [P, P] mask or None (full attention)."""
    batch, patches, width = x.shape[0], x.shape[1], x.shape[2]
    heads = attn.num_heads
    qkv = attn.qkv(x).reshape(batch, patches, 3, heads, width // heads).permute(2, 0, 3, 1, 4)
    q, k, v = qkv[0], qkv[1], qkv[2]  # [B, H, P, hd]
    q = q * cos + rotate_half(q) * sin
    k = k * cos + rotate_half(k) * sin
    out = masked_softmax_attention(q, k, v, bias)
    return attn.proj(out.transpose(1, 2).reshape(batch, patches, width))


def additive_mask(allowed):
    """0 where attention is allowed, the most negative float32 elsewhere (as Hugging Face's eager masks)."""
    zero = torch.zeros((), dtype=torch.float32)
    return torch.where(allowed, zero, torch.full((), torch.finfo(torch.float32).min))


class VisionTower(nn.Module):
    """Pages of one grid, batched: [B, P, 1176] → merged image tokens [B, P/4, hidden], in raster order."""

    def __init__(self, visual):
        super().__init__()
        self.visual = visual

    def forward(self, pixel_values, vision_position_ids, window_index, window_segment_ids):
        visual = self.visual
        batch, patches = pixel_values.shape[0], pixel_values.shape[1]
        x = visual.patch_embed(pixel_values.reshape(-1, PATCH_VALUES))
        width = x.shape[-1]
        merged = patches // MERGE_UNIT

        # Rotary angles of each patch from its (row, column), as rot_pos_emb computes them.
        inv_freq = visual.rotary_pos_emb.inv_freq.to(torch.float32)
        angles = (vision_position_ids.to(torch.float32).unsqueeze(-1) * inv_freq).reshape(patches, -1)

        # Reorder groups of four patches (one merged token) into window order.
        x = x.reshape(batch, merged, MERGE_UNIT, width)[:, window_index].reshape(batch, patches, width)
        angles = angles.reshape(merged, MERGE_UNIT, -1)[window_index].reshape(patches, -1)
        emb = torch.cat((angles, angles), dim=-1)
        cos, sin = emb.cos(), emb.sin()

        window_bias = additive_mask(window_segment_ids.unsqueeze(1) == window_segment_ids.unsqueeze(0))
        full_attention = set(int(i) for i in visual.fullatt_block_indexes)
        for index, block in enumerate(visual.blocks):
            bias = None if index in full_attention else window_bias
            x = x + vision_attention(block.attn, block.norm1(x), cos, sin, bias)
            x = x + block.mlp(block.norm2(x))

        tokens = visual.merger(x).reshape(batch, merged, -1)
        # Back from window order to raster order: out[window_index[j]] = tokens[j].
        scatter_index = window_index.reshape(1, merged, 1).expand(batch, merged, tokens.shape[-1])
        return torch.zeros_like(tokens).scatter(1, scatter_index, tokens)


class LanguageModel(nn.Module):
    """Qwen2 decoder with multimodal rotary positions, ColQwen's projection, L2 normalisation and mask."""

    def __init__(self, text, custom_text_proj, spec: TextSpec, image_token_id: int):
        super().__init__()
        self.text = text
        self.custom_text_proj = custom_text_proj
        self.spec = spec
        self.image_token_id = image_token_id
        inv_freq = 1.0 / (spec.rope_theta ** (torch.arange(0, spec.head_dim, 2, dtype=torch.float32) / spec.head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def rotary(self, position_ids):
        """cos and sin [B, 1, S, hd], each frequency band taken from its t, h or w position (mrope_section)."""
        freqs = position_ids.to(torch.float32).unsqueeze(-1) * self.inv_freq  # [3, B, S, hd/2]
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos(), emb.sin()
        bands, start = [], 0
        for i, size in enumerate(self.spec.mrope_section * 2):
            bands.append((i % 3, start, start + size))
            start += size
        cos = torch.cat([cos[axis, :, :, lo:hi] for axis, lo, hi in bands], dim=-1).unsqueeze(1)
        sin = torch.cat([sin[axis, :, :, lo:hi] for axis, lo, hi in bands], dim=-1).unsqueeze(1)
        return cos, sin

    def repeat_kv(self, x, batch, length):
        """Each key/value head serves num_heads / num_kv_heads query heads (expand + reshape, as Hugging Face's
        repeat_kv; repeat_interleave would export with the traced batch size baked in)."""
        spec = self.spec
        groups = spec.num_heads // spec.num_kv_heads
        x = x.unsqueeze(2).expand(batch, spec.num_kv_heads, groups, length, spec.head_dim)
        return x.reshape(batch, spec.num_heads, length, spec.head_dim)

    def attention(self, attn, x, cos, sin, bias):
        spec = self.spec
        batch, length = x.shape[0], x.shape[1]
        q = attn.q_proj(x).reshape(batch, length, spec.num_heads, spec.head_dim).transpose(1, 2)
        k = attn.k_proj(x).reshape(batch, length, spec.num_kv_heads, spec.head_dim).transpose(1, 2)
        v = attn.v_proj(x).reshape(batch, length, spec.num_kv_heads, spec.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k, v = self.repeat_kv(k, batch, length), self.repeat_kv(v, batch, length)
        out = masked_softmax_attention(q, k, v, bias)
        return attn.o_proj(out.transpose(1, 2).reshape(batch, length, spec.num_heads * spec.head_dim))

    def forward(self, input_ids, attention_mask, position_ids, image_tokens=None):
        text = self.text
        x = text.embed_tokens(input_ids)
        if image_tokens is not None:
            # masked_scatter: the k-th image token of the flattened batch takes the k-th merged patch.
            hidden = x.shape[-1]
            is_image = (input_ids == self.image_token_id).reshape(-1)
            source = (torch.cumsum(is_image.to(torch.int64), dim=0) - 1).clamp(min=0)
            picked = image_tokens.reshape(-1, hidden)[source]
            x = torch.where(is_image.unsqueeze(-1), picked, x.reshape(-1, hidden)).reshape(x.shape)

        length = input_ids.shape[1]
        positions = torch.arange(length, device=input_ids.device)
        causal = positions.unsqueeze(0) <= positions.unsqueeze(1)  # [S, S]: key j visible from query i
        allowed = causal.unsqueeze(0) & attention_mask.to(torch.bool).unsqueeze(1)
        bias = additive_mask(allowed).unsqueeze(1)  # [B, 1, S, S]
        cos, sin = self.rotary(position_ids)
        for layer in text.layers:
            x = x + self.attention(layer.self_attn, layer.input_layernorm(x), cos, sin, bias)
            x = x + layer.mlp(layer.post_attention_layernorm(x))
        projected = self.custom_text_proj(text.norm(x))
        # colpali divides by the norm with no epsilon; padding rows are zeroed by the mask afterwards.
        projected = projected / torch.linalg.vector_norm(projected, dim=-1, keepdim=True)
        return projected * attention_mask.unsqueeze(-1).to(projected.dtype)


class DocumentGraph(nn.Module):
    """document.onnx: page prompts and their pixels → [B, S, dim]."""

    def __init__(self, vision: VisionTower, language: LanguageModel):
        super().__init__()
        self.vision = vision
        self.language = language

    def forward(self, input_ids, attention_mask, position_ids, pixel_values, vision_position_ids, window_index,
                window_segment_ids):
        image_tokens = self.vision(pixel_values, vision_position_ids, window_index, window_segment_ids)
        return self.language(input_ids, attention_mask, position_ids, image_tokens)


class QueryGraph(nn.Module):
    """query.onnx: query prompts → [B, S, dim]."""

    def __init__(self, language: LanguageModel):
        super().__init__()
        self.language = language

    def forward(self, input_ids, attention_mask, position_ids):
        return self.language(input_ids, attention_mask, position_ids)


DOCUMENT_INPUTS = ["input_ids", "attention_mask", "position_ids", "pixel_values", "vision_position_ids",
                   "window_index", "window_segment_ids"]
QUERY_INPUTS = ["input_ids", "attention_mask", "position_ids"]
OUTPUTS = ["embeddings"]
DYNAMIC_AXES = {
    "input_ids": {0: "batch", 1: "sequence"},
    "attention_mask": {0: "batch", 1: "sequence"},
    "position_ids": {1: "batch", 2: "sequence"},
    "pixel_values": {0: "batch", 1: "patches"},
    "vision_position_ids": {0: "patches"},
    "window_index": {0: "merged_patches"},
    "window_segment_ids": {0: "patches"},
    "embeddings": {0: "batch", 1: "sequence"},
}


def export_graphs(document: DocumentGraph, query: QueryGraph, document_example, query_example, out_dir,
                  metadata: dict, weights_file: str = None, opset: int = 17):
    """Exports document.onnx and query.onnx with the contract's names, dynamic axes and metadata.

    With weights_file, every initializer of both graphs is moved into that one external-data file, and the
    initializers the graphs have in common (the whole language model) are stored once.
    """
    import hashlib
    import tempfile
    from pathlib import Path

    import onnx
    from onnx import numpy_helper
    from onnx.external_data_helper import set_external_data

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    graphs = []
    with tempfile.TemporaryDirectory() as scratch:
        for graph, example, names, kind in ((document, document_example, DOCUMENT_INPUTS, "document"),
                                            (query, query_example, QUERY_INPUTS, "query")):
            # Through a file: a model above 2 GB can only be exported with its weights as external data.
            path = str(Path(scratch) / f"{kind}.onnx")
            with torch.no_grad():
                torch.onnx.export(graph.eval(), example, path, input_names=names, output_names=OUTPUTS,
                                  dynamic_axes={name: DYNAMIC_AXES[name] for name in names + OUTPUTS},
                                  opset_version=opset, do_constant_folding=True)
            model = onnx.load(path)
            for key, value in {**metadata, "colqwen.contract": CONTRACT, "colqwen.graph": kind}.items():
                entry = model.metadata_props.add()
                entry.key, entry.value = key, str(value)
            graphs.append((kind, model))

    if weights_file is None:
        for kind, model in graphs:
            onnx.save_model(model, str(out_dir / f"{kind}.onnx"))
        return

    stored = {}  # sha256 of the raw bytes → (offset, length)
    with open(out_dir / weights_file, "wb") as weights:
        for kind, model in graphs:
            for tensor in model.graph.initializer:
                raw = numpy_helper.to_array(tensor).tobytes()
                if len(raw) < 1024:
                    continue  # small constants stay inside the graph
                digest = hashlib.sha256(raw + str(tensor.data_type).encode()).hexdigest()
                if digest not in stored:
                    weights.seek(0, 2)
                    offset = weights.tell()
                    padding = (-offset) % 64  # aligned, so the runtime can map tensors in place
                    weights.write(b"\0" * padding)
                    weights.write(raw)
                    stored[digest] = (offset + padding, len(raw))
                offset, length = stored[digest]
                set_external_data(tensor, location=weights_file, offset=offset, length=length)
                tensor.ClearField("raw_data")
                for field in ("float_data", "int64_data", "int32_data", "double_data"):
                    tensor.ClearField(field)
            onnx.save_model(model, str(out_dir / f"{kind}.onnx"))
