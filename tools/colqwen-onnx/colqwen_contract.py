"""The ONNX contract of the local ColQwen2.5 generator (contract version 2), as PyTorch modules.

Both the export of the real model (export.py) and the tiny test model (make_tiny_model.py) wrap their weights in
these modules, so the graphs a user exports and the graphs the tests run are built by the same code.

Three graphs, so that the language model exists once and serves pages and queries alike:
- vision.onnx: pages of one grid → merged image tokens (the vision tower, window attention block-diagonal);
- embed.onnx: token ids (+ the image tokens of each row) → inputs_embeds (embedding lookup and masked_scatter);
- decoder.onnx: inputs_embeds → ColQwen's 128-dimensional, L2-normalised, masked token vectors.

The wrapped model only has to expose Qwen2.5-VL's weights under Hugging Face's attribute names:
- vision tower: ``patch_embed`` (module taking [N, 1176]), ``blocks[i].norm1/.norm2/.mlp`` (called as is),
  ``blocks[i].attn.qkv/.proj/.num_heads``, ``merger`` (called as is), ``rotary_pos_emb.inv_freq``,
  ``fullatt_block_indexes``;
- language model: ``embed_tokens``, ``layers[i].input_layernorm/.post_attention_layernorm/.mlp`` (called as is),
  ``layers[i].self_attn.q_proj/.k_proj/.v_proj/.o_proj``, ``norm``;
- head: ``custom_text_proj`` (colpali's Linear(hidden, 128)).

Everything data-dependent in Qwen2.5-VL (window order, rotary positions, multimodal rotary positions) is an input
the client computes, so the graphs hold no Python control flow. See docs/local-colqwen.md for the table of inputs.
"""
import inspect
import math
from dataclasses import dataclass
from typing import List

import torch
from torch import nn

CONTRACT = "colqwen-onnx/2"
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
    """softmax(q kᵀ / √d + bias) v. The scaling, the bias and the softmax are what half_precision.py keeps in
    float32 (the bias holds float32's most negative value)."""
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    if bias is not None:
        scores = scores + bias
    return torch.matmul(torch.softmax(scores, dim=-1), v)


def vision_attention(attn, x, cos, sin, bias):
    """Qwen2.5-VL vision attention over x [..., N, D] (any leading dimensions); cos and sin broadcast to
    [..., heads, N, head_dim]; bias is an additive mask broadcasting to [..., heads, N, N], or None."""
    heads = attn.num_heads
    width = x.shape[-1]
    qkv = attn.qkv(x).reshape(x.shape[:-1] + (3, heads, width // heads))
    q, k, v = (qkv.select(-3, i).transpose(-2, -3) for i in range(3))  # [..., H, N, hd]
    q = q * cos + rotate_half(q) * sin
    k = k * cos + rotate_half(k) * sin
    out = masked_softmax_attention(q, k, v, bias)
    return attn.proj(out.transpose(-2, -3).reshape(x.shape))


def additive_mask(allowed):
    """0 where attention is allowed, the most negative float32 elsewhere (as Hugging Face's eager masks)."""
    zero = torch.zeros((), dtype=torch.float32, device=allowed.device)
    return torch.where(allowed, zero, torch.full((), torch.finfo(torch.float32).min, device=allowed.device))


class VisionTower(nn.Module):
    """vision.onnx: pages of one grid, batched: [B, P, 1176] → merged image tokens [B, P/4, hidden], raster order.

    The windowed blocks attend inside each window only, computed block-diagonally: the patches are gathered into
    [B, windows, window_length, D] (window_patches; -1 pads the partial windows at the right and bottom edges)
    instead of a dense [P, P] mask, so those blocks cost windows × length² instead of P².
    """

    def __init__(self, visual):
        super().__init__()
        self.visual = visual

    def forward(self, pixel_values, vision_position_ids, window_index, window_patches):
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

        # Block-diagonal windows: slot (w, j) holds the j-th patch of window w; padding slots repeat patch 0 and are
        # masked as keys. `kept` lists the real slots in order, which is the window order of the patches.
        valid = window_patches >= 0
        slots = torch.where(valid, window_patches, torch.zeros_like(window_patches))
        kept = torch.nonzero(valid.reshape(-1)).reshape(-1)
        windows, length = slots.shape[0], slots.shape[1]
        window_bias = additive_mask(valid).reshape(windows, 1, 1, length)  # [W, heads, queries, keys]
        window_cos, window_sin = cos[slots].unsqueeze(1), sin[slots].unsqueeze(1)  # [W, 1, L, hd]

        full_attention = set(int(i) for i in visual.fullatt_block_indexes)
        for index, block in enumerate(visual.blocks):
            normed = block.norm1(x)
            if index in full_attention:
                attended = vision_attention(block.attn, normed, cos, sin, None)
            else:
                grouped = normed[:, slots]  # [B, W, L, D]
                attended = vision_attention(block.attn, grouped, window_cos, window_sin, window_bias)
                attended = attended.reshape(batch, windows * length, width)[:, kept]
            x = x + attended
            x = x + block.mlp(block.norm2(x))

        tokens = visual.merger(x).reshape(batch, merged, -1)
        # Back from window order to raster order: out[window_index[j]] = tokens[j].
        scatter_index = window_index.reshape(1, merged, 1).expand(batch, merged, tokens.shape[-1])
        return torch.zeros_like(tokens).scatter(1, scatter_index, tokens)


class TokenEmbedding(nn.Module):
    """embed.onnx: input_ids [B, S] and each row's image tokens [B, T, hidden] (T = 0 for queries) → [B, S, hidden].

    masked_scatter per row: the k-th <|image_pad|> of a row takes that row's k-th image token.
    """

    def __init__(self, embed_tokens, image_token_id: int):
        super().__init__()
        self.embed_tokens = embed_tokens
        self.image_token_id = image_token_id

    def forward(self, input_ids, image_embeds):
        x = self.embed_tokens(input_ids)
        is_image = (input_ids == self.image_token_id).to(torch.int64)
        slot = torch.cumsum(is_image, dim=1) * is_image  # 1-based rank among the row's image tokens, 0 for text
        # Row 0 is a zero row, so the gather stays in range when a batch has no image tokens (T = 0).
        rows = torch.cat((torch.zeros_like(x[:, :1]), image_embeds), dim=1)
        picked = torch.gather(rows, 1, slot.unsqueeze(-1).expand(-1, -1, x.shape[-1]))
        return torch.where(is_image.unsqueeze(-1) == 1, picked, x)


class UnitRows(nn.Module):
    """Divides each row by its L2 norm (no epsilon, as colpali) and zeroes the padding rows."""

    def forward(self, projected, attention_mask):
        projected = projected / torch.linalg.vector_norm(projected, dim=-1, keepdim=True)
        return projected * attention_mask.unsqueeze(-1).to(projected.dtype)


class LanguageModel(nn.Module):
    """decoder.onnx: Qwen2 decoder over inputs_embeds with multimodal rotary positions, ColQwen's projection, L2
    normalisation and mask."""

    def __init__(self, text, custom_text_proj, spec: TextSpec):
        super().__init__()
        self.text = text
        self.custom_text_proj = custom_text_proj
        self.spec = spec
        self.normalize = UnitRows()
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

    def forward(self, inputs_embeds, attention_mask, position_ids):
        text = self.text
        x = inputs_embeds
        length = inputs_embeds.shape[1]
        positions = torch.arange(length, device=inputs_embeds.device)
        causal = positions.unsqueeze(0) <= positions.unsqueeze(1)  # [S, S]: key j visible from query i
        allowed = causal.unsqueeze(0) & attention_mask.to(torch.bool).unsqueeze(1)
        bias = additive_mask(allowed).unsqueeze(1)  # [B, 1, S, S]
        cos, sin = self.rotary(position_ids)
        for layer in text.layers:
            x = x + self.attention(layer.self_attn, layer.input_layernorm(x), cos, sin, bias)
            x = x + layer.mlp(layer.post_attention_layernorm(x))
        return self.normalize(self.custom_text_proj(text.norm(x)), attention_mask)


@dataclass
class Graph:
    """One graph of the contract: its module, example inputs, names and dynamic axes."""

    kind: str
    module: nn.Module
    example: tuple
    inputs: List[str]
    output: str


VISION_INPUTS = ["pixel_values", "vision_position_ids", "window_index", "window_patches"]
EMBED_INPUTS = ["input_ids", "image_embeds"]
DECODER_INPUTS = ["inputs_embeds", "attention_mask", "position_ids"]
DYNAMIC_AXES = {
    "pixel_values": {0: "batch", 1: "patches"},
    "vision_position_ids": {0: "patches"},
    "window_index": {0: "merged_patches"},
    "window_patches": {0: "windows", 1: "window_length"},
    "image_embeds": {0: "batch", 1: "merged_patches"},
    "input_ids": {0: "batch", 1: "sequence"},
    "inputs_embeds": {0: "batch", 1: "sequence"},
    "attention_mask": {0: "batch", 1: "sequence"},
    "position_ids": {1: "batch", 2: "sequence"},
    "embeddings": {0: "batch", 1: "sequence"},
}


def graphs(vision: VisionTower, embed: TokenEmbedding, language: LanguageModel, page_example, query_example):
    """The three graphs with example inputs built from a page batch and a query batch.

    page_example: (input_ids, attention_mask, position_ids, pixel_values, vision_position_ids, window_index,
    window_patches); query_example: (input_ids, attention_mask, position_ids). The embed and decoder graphs are
    traced on the page batch (image tokens present), which exercises every branch-free path they have.
    """
    ids, mask, positions, pixels, vision_positions, window_index, window_patches = page_example
    with torch.no_grad():
        image_embeds = vision(pixels, vision_positions, window_index, window_patches)
        inputs_embeds = embed(ids, image_embeds)
    return [
        Graph("vision", vision, (pixels, vision_positions, window_index, window_patches), VISION_INPUTS,
              "image_embeds"),
        Graph("embed", embed, (ids, image_embeds), EMBED_INPUTS, "inputs_embeds"),
        Graph("decoder", language, (inputs_embeds, mask, positions), DECODER_INPUTS, "embeddings"),
    ]


def run_page(vision, embed, language, page_example):
    """What the client does for pages: vision → embed (image tokens merged in) → decoder."""
    ids, mask, positions, pixels, vision_positions, window_index, window_patches = page_example
    image_embeds = vision(pixels, vision_positions, window_index, window_patches)
    return language(embed(ids, image_embeds), mask, positions)


def run_query(embed, language, query_example):
    """What the client does for queries: embed (no image tokens) → decoder."""
    ids, mask, positions = query_example
    hidden = language.custom_text_proj.in_features
    no_images = torch.zeros(ids.shape[0], 0, hidden, dtype=torch.float32, device=ids.device)
    return language(embed(ids, no_images), mask, positions)


def export_onnx(graph: Graph, path: str, opset: int, dynamo: bool):
    """One graph to an ONNX file with the contract's names and dynamic axes, by the exporter asked for.

    dynamo=False is the TorchScript exporter (torch 1.13 to 2.x; opset 17 works with both); dynamo=True is
    torch.export's exporter (torch >= 2.5, opset >= 18), given the same dynamic axes as named dimensions.
    """
    names = graph.inputs + [graph.output]
    axes = {name: DYNAMIC_AXES[name] for name in names}
    with torch.no_grad():
        if dynamo:
            torch.onnx.export(graph.module.eval(), graph.example, path, input_names=graph.inputs,
                              output_names=[graph.output], dynamic_axes=axes, opset_version=opset, dynamo=True,
                              external_data=True)
        else:
            kwargs = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
            torch.onnx.export(graph.module.eval(), graph.example, path, input_names=graph.inputs,
                              output_names=[graph.output], dynamic_axes=axes, opset_version=opset,
                              do_constant_folding=True, **kwargs)


def export_graphs(graph_list, out_dir, metadata: dict, weights_file: str = None, opset: int = 17,
                  dynamo: bool = False, dtype: str = "float32", vision_dtype: str = None):
    """Exports vision.onnx, embed.onnx and decoder.onnx with the contract's names, dynamic axes and metadata.

    dtype "float16" (or "bfloat16") converts the embed and decoder graphs (vision_dtype, default the same, the
    vision graph) with half_precision.convert, keeping normalisation and softmax in float32. With weights_file,
    every large initializer of the three graphs goes into that one external-data file, identical tensors once.
    """
    import tempfile
    from pathlib import Path

    import onnx

    from half_precision import convert

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    models = []
    with tempfile.TemporaryDirectory() as scratch:
        for graph in graph_list:
            # Through a file: a model above 2 GB can only be exported with its weights as external data.
            path = str(Path(scratch) / f"{graph.kind}.onnx")
            export_onnx(graph, path, opset, dynamo)
            model = onnx.load(path)
            wanted = (vision_dtype or dtype) if graph.kind == "vision" else dtype
            if wanted != "float32":
                model = convert(model, wanted)
            for key, value in {**metadata, "colqwen.contract": CONTRACT, "colqwen.graph": graph.kind,
                               "colqwen.dtype": wanted}.items():
                entry = model.metadata_props.add()
                entry.key, entry.value = key, str(value)
            models.append((graph.kind, model))

    if weights_file is None:
        for kind, model in models:
            onnx.save_model(model, str(out_dir / f"{kind}.onnx"))
        return
    write_shared_weights(models, out_dir, weights_file)


def write_shared_weights(models, out_dir, weights_file):
    """Moves every initializer of at least 1 KiB into one external-data file, 64-byte aligned, each distinct
    tensor once, and saves the graphs next to it."""
    import hashlib

    import onnx
    from onnx import numpy_helper
    from onnx.external_data_helper import set_external_data

    stored = {}  # sha256 of the raw bytes and type → (offset, length)
    with open(out_dir / weights_file, "wb") as weights:
        for kind, model in models:
            for tensor in model.graph.initializer:
                raw = numpy_helper.to_array(tensor).tobytes() if not tensor.HasField("raw_data") else tensor.raw_data
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
                tensor.data_location = onnx.TensorProto.EXTERNAL
            onnx.save_model(model, str(out_dir / f"{kind}.onnx"))
