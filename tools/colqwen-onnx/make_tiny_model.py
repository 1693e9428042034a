#!/usr/bin/env python3
"""Builds the tiny random-weight ColQwen2.5 the C# tests run, and the outputs those tests must reproduce.

The model has Qwen2.5-VL's architecture (windowed vision tower with 2D rotary positions, patch merger, Qwen2
decoder with multimodal rotary positions, ColQwen's 128-dimensional head), shrunk to ~1 MB. It is exported through
the same contract code as the real model (colqwen_contract.py). Its tokenizer is a small byte-level BPE with
Qwen2's pre-tokenizer and Qwen2's special tokens, numbered after the small vocabulary.

The expected outputs are NOT computed through the contract's index inputs: they come from a separate
re-implementation of Hugging Face's own data-dependent code paths (get_window_index, rot_pos_emb, cu_seqlens block
masks, get_rope_index, masked_scatter) over a colpali-style left-padded batch of mixed grids. A C# test matching
them therefore proves the client computes the contract's index tensors, prompts and padding as Hugging Face does.

Needs Debian's python3-torch, python3-onnx, python3-numpy, python3-pil, python3-regex.
Usage: make_tiny_model.py FIXTURES_DIR   (reads FIXTURES_DIR/images, writes FIXTURES_DIR/tiny-model)
"""
import gzip
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import regex
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).parent))
import colqwen_contract as contract  # noqa: E402
from hf_reference import contract_inputs, hf_forward, hf_rope_index, left_pad  # noqa: E402
from reference_preprocess import preprocess  # noqa: E402

torch.manual_seed(7)

# Qwen2's pre-tokenizer split (tokenizer.json of Qwen/Qwen2.5-VL-3B-Instruct) and its added tokens, in id order.
QWEN2_SPLIT = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
                  "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>",
                  "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>"]
VISUAL_PROMPT = "<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>Describe the image.<|im_end|><|endoftext|>"
QUERY_PREFIX = "Query: "
QUERY_AUGMENTATION = "<|endoftext|>" * 10
QUERIES = ["What is the revenue in 2023?", "red box", "Où est la légende de la figure 3 ?"]
# Pages of one grid (56x84 after resizing) and two other grids: the C# client batches the first three together.
PAGES = ["upscale-30x40.png", "photo-120x90.png", "page-56x84.png", "page-50x80.png", "translucent-60x60.png"]
TRAINING_TEXT = (VISUAL_PROMPT.replace("<|", " ").replace("|>", " ") + " " + " ".join(QUERIES) + " Query: "
                 + "the image of the page shows a table of revenue by year and a figure with a legend " * 3)
MERGES = 160
WINDOW_SIZE = 56  # the real model uses 112; 56 gives several windows on tiny pages


def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable characters, in GPT-2's (and Qwen2's) vocabulary order."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars, extra = printable[:], 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + extra)
            extra += 1
    return {b: chr(c) for b, c in zip(printable, chars)}


BYTE_CHARS = bytes_to_unicode()


def pre_tokenize(text):
    return ["".join(BYTE_CHARS[b] for b in word.encode("utf-8")) for word in regex.findall(QWEN2_SPLIT, text)]


def train_bpe(text, merges_wanted):
    words = Counter(tuple(word) for word in pre_tokenize(unicodedata.normalize("NFC", text)))
    merges = []
    for _ in range(merges_wanted):
        pairs = Counter()
        for word, count in words.items():
            for pair in zip(word, word[1:]):
                pairs[pair] += count
        if not pairs:
            break
        best = max(pairs.items(), key=lambda item: (item[1], item[0]))[0]
        merges.append(best)
        merged = {}
        for word, count in words.items():
            out, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] = count
        words = merged
    return merges


class ByteLevelBpe:
    """Reference encoder: special tokens split out first, NFC, Qwen2's split, then merges by rank."""

    def __init__(self, vocab, merges, special):
        self.vocab, self.special = vocab, special
        self.ranks = {pair: rank for rank, pair in enumerate(merges)}

    def encode_word(self, word):
        parts = list(word)
        while len(parts) > 1:
            ranked = [(self.ranks.get(pair, 1 << 30), i) for i, pair in enumerate(zip(parts, parts[1:]))]
            rank, _ = min(ranked)
            if rank == 1 << 30:
                break
            pair = [pair for pair, r in self.ranks.items() if r == rank][0]
            out, i = [], 0
            while i < len(parts):
                if i + 1 < len(parts) and (parts[i], parts[i + 1]) == pair:
                    out.append(parts[i] + parts[i + 1])
                    i += 2
                else:
                    out.append(parts[i])
                    i += 1
            parts = out
        return [self.vocab[part] for part in parts]

    def encode(self, text):
        ids = []
        pattern = "(" + "|".join(regex.escape(token) for token in self.special) + ")"
        for piece in regex.split(pattern, text):
            if piece in self.special:
                ids.append(self.special[piece])
            elif piece:
                for word in pre_tokenize(unicodedata.normalize("NFC", piece)):
                    ids.extend(self.encode_word(word))
        return ids


def write_tokenizer(out: Path):
    merges = train_bpe(TRAINING_TEXT, MERGES)
    vocab = {}
    for char in BYTE_CHARS.values():
        vocab[char] = len(vocab)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    special = {token: len(vocab) + i for i, token in enumerate(SPECIAL_TOKENS)}
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out / "merges.txt").write_text("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges), encoding="utf-8")
    added = {str(i): {"content": t, "lstrip": False, "normalized": False, "rstrip": False, "single_word": False,
                      "special": True} for t, i in special.items()}
    (out / "tokenizer_config.json").write_text(json.dumps(
        {"added_tokens_decoder": added, "model_max_length": 32768, "padding_side": "left",
         "tokenizer_class": "Qwen2Tokenizer", "pad_token": "<|endoftext|>"}, indent=1), encoding="utf-8")
    # The same tokenizer as one tokenizer.json (merges as pairs, as tokenizers >= 0.20 writes them), for clients
    # that read that file alone.
    (out / "tokenizer-json").mkdir(exist_ok=True)
    (out / "tokenizer-json" / "tokenizer.json").write_text(json.dumps({
        "version": "1.0",
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for t, i in special.items()],
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": QWEN2_SPLIT}, "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab, "merges": [[a, b] for a, b in merges]},
    }, ensure_ascii=False), encoding="utf-8")
    return ByteLevelBpe(vocab, merges, special), len(vocab) + len(special)


# ----------------------------------------------------------------------------------------------- tiny modules
class RMSNorm(nn.Module):
    def __init__(self, size, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(1 + 0.1 * torch.randn(size))
        self.variance_epsilon = eps

    def forward(self, x):
        variance = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.variance_epsilon))


class GatedMlp(nn.Module):
    def __init__(self, size, inner, bias):
        super().__init__()
        self.gate_proj = nn.Linear(size, inner, bias=bias)
        self.up_proj = nn.Linear(size, inner, bias=bias)
        self.down_proj = nn.Linear(inner, size, bias=bias)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class PatchEmbed(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.width = width
        kernel = [contract.TEMPORAL_PATCH_SIZE, contract.PATCH_SIZE, contract.PATCH_SIZE]
        self.proj = nn.Conv3d(3, width, kernel_size=kernel, stride=kernel, bias=False)

    def forward(self, x):
        x = x.view(-1, 3, contract.TEMPORAL_PATCH_SIZE, contract.PATCH_SIZE, contract.PATCH_SIZE)
        return self.proj(x).view(-1, self.width)


class VisionRotary(nn.Module):
    def __init__(self, dim, theta=10000.0):
        super().__init__()
        self.register_buffer("inv_freq", 1.0 / (theta ** (torch.arange(0, dim, 2, dtype=torch.float) / dim)), False)


class VisionAttentionWeights(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.num_heads = heads
        self.qkv = nn.Linear(width, 3 * width, bias=True)
        self.proj = nn.Linear(width, width, bias=True)


class VisionBlock(nn.Module):
    def __init__(self, width, heads, inner):
        super().__init__()
        self.norm1, self.norm2 = RMSNorm(width), RMSNorm(width)
        self.attn = VisionAttentionWeights(width, heads)
        self.mlp = GatedMlp(width, inner, bias=True)


class PatchMerger(nn.Module):
    def __init__(self, width, out):
        super().__init__()
        self.hidden_size = width * contract.MERGE_UNIT
        self.ln_q = RMSNorm(width)
        self.mlp = nn.Sequential(nn.Linear(self.hidden_size, self.hidden_size), nn.GELU(),
                                 nn.Linear(self.hidden_size, out))

    def forward(self, x):
        return self.mlp(self.ln_q(x).view(-1, self.hidden_size))


class TinyVisual(nn.Module):
    def __init__(self, width=32, heads=2, depth=3, inner=64, out=64):
        super().__init__()
        self.patch_embed = PatchEmbed(width)
        self.rotary_pos_emb = VisionRotary(width // heads // 2)
        self.blocks = nn.ModuleList(VisionBlock(width, heads, inner) for _ in range(depth))
        self.merger = PatchMerger(width, out)
        self.fullatt_block_indexes = [1]
        self.window_size = WINDOW_SIZE


class TextAttentionWeights(nn.Module):
    def __init__(self, hidden, spec):
        super().__init__()
        self.q_proj = nn.Linear(hidden, spec.num_heads * spec.head_dim, bias=True)
        self.k_proj = nn.Linear(hidden, spec.num_kv_heads * spec.head_dim, bias=True)
        self.v_proj = nn.Linear(hidden, spec.num_kv_heads * spec.head_dim, bias=True)
        self.o_proj = nn.Linear(spec.num_heads * spec.head_dim, hidden, bias=False)


class DecoderLayer(nn.Module):
    def __init__(self, hidden, spec, inner):
        super().__init__()
        self.input_layernorm, self.post_attention_layernorm = RMSNorm(hidden), RMSNorm(hidden)
        self.self_attn = TextAttentionWeights(hidden, spec)
        self.mlp = GatedMlp(hidden, inner, bias=False)


class TinyText(nn.Module):
    def __init__(self, vocab_size, hidden, spec, layers=2, inner=128):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab_size, hidden)
        self.layers = nn.ModuleList(DecoderLayer(hidden, spec, inner) for _ in range(layers))
        self.norm = RMSNorm(hidden)


def write_floats(path: Path, array):
    with gzip.GzipFile(path, "wb", mtime=0) as out:
        out.write(np.ascontiguousarray(array, dtype="<f4").tobytes())


def main(fixtures: Path):
    out = fixtures / "tiny-model"
    out.mkdir(parents=True, exist_ok=True)
    tokenizer, vocab_size = write_tokenizer(out)
    special = tokenizer.special
    image_token_id, vision_start_id = special["<|image_pad|>"], special["<|vision_start|>"]
    pad_id = special["<|endoftext|>"]

    spec = contract.TextSpec(num_heads=4, num_kv_heads=2, head_dim=16, rope_theta=1000000.0, mrope_section=[2, 3, 3])
    hidden = 64
    visual = TinyVisual(out=hidden)
    text = TinyText(vocab_size, hidden, spec)
    head = nn.Linear(hidden, 128)
    for module in (visual, text, head):
        module.eval()
    language = contract.LanguageModel(text, head, spec)
    vision = contract.VisionTower(visual)
    embed = contract.TokenEmbedding(text.embed_tokens, image_token_id)

    # Pages: preprocessed by the reference, prompted and padded as colpali does, run through HF's code paths.
    pixel_values, grids, prompts = [], [], []
    for page in PAGES:
        values, grid, _ = preprocess(fixtures / "images" / page)
        pixel_values.append(torch.from_numpy(values))
        grids.append(grid)
        prompt = VISUAL_PROMPT.replace("<|image_pad|>", "<|image_pad|>" * (grid[1] * grid[2] // 4))
        prompts.append(tokenizer.encode(prompt))
    ids, mask = left_pad(prompts, pad_id)
    with torch.no_grad():
        page_embeddings = hf_forward(language, text.embed_tokens, image_token_id, visual, ids, mask,
                                     torch.cat(pixel_values), grids, vision_start_id)

    query_prompts = [tokenizer.encode(QUERY_PREFIX + q + QUERY_AUGMENTATION) for q in QUERIES]
    query_ids, query_mask = left_pad(query_prompts, pad_id)
    with torch.no_grad():
        query_embeddings = hf_forward(language, text.embed_tokens, image_token_id, visual, query_ids, query_mask)

    expected = {"pages": [], "queries": [], "tolerance": 1e-4}
    for i, page in enumerate(PAGES):
        rows = page_embeddings[i][mask[i] == 1]
        name = f"expected-page-{i}.f32.gz"
        write_floats(out / name, rows.numpy())
        start = prompts[i].index(image_token_id)
        expected["pages"].append({"image": page, "inputIds": prompts[i], "gridThw": list(grids[i]),
                                  "imagePatchStart": start, "imagePatchLength": grids[i][1] * grids[i][2] // 4,
                                  "tokens": rows.shape[0], "embeddings": name})
    for i, q in enumerate(QUERIES):
        rows = query_embeddings[i][query_mask[i] == 1]
        name = f"expected-query-{i}.f32.gz"
        write_floats(out / name, rows.numpy())
        expected["queries"].append({"text": q, "inputIds": query_prompts[i], "tokens": rows.shape[0],
                                    "embeddings": name})
    (out / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")

    # The contract's batched-by-grid path must agree with Hugging Face's flat path before anything is exported.
    same_grid = [i for i, g in enumerate(grids) if g == grids[0]]
    page_example = contract_inputs(same_grid, prompts, pixel_values, grids[0], pad_id, image_token_id,
                                   vision_start_id, WINDOW_SIZE)
    query_example = (query_ids, query_mask, hf_rope_index(query_ids, query_mask, [], 0, -1))
    with torch.no_grad():
        got = contract.run_page(vision, embed, language, page_example)
        for batch_row, page in enumerate(same_grid):
            assert torch.allclose(got[batch_row], page_embeddings[page][mask[page] == 1], atol=1e-5), "page graphs"
        got = contract.run_query(embed, language, query_example)
        assert torch.allclose(got, query_embeddings, atol=1e-5), "query graphs"
    metadata = {"colqwen.dim": 128, "colqwen.image_token_id": image_token_id, "colqwen.patch_size": 14,
                "colqwen.temporal_patch_size": 2, "colqwen.merge_size": 2, "colqwen.window_size": WINDOW_SIZE,
                "colqwen.model": "tiny-random-colqwen2.5"}
    graph_list = contract.graphs(vision, embed, language, page_example, query_example)
    contract.export_graphs(graph_list, out, metadata, weights_file="weights.bin")

    # The same weights in float16 (norms, softmax and the final normalisation in float32), for the precision test.
    half = fixtures / "tiny-model-fp16"
    half.mkdir(exist_ok=True)
    contract.export_graphs(graph_list, half, metadata, weights_file="weights.bin", dtype="float16")
    for name in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        (half / name).write_bytes((out / name).read_bytes())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
