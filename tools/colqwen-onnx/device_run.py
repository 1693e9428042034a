#!/usr/bin/env python3
"""Issue 14, item 2: a tiny ColQwen2.5 built by transformers' own Qwen2_5_VL classes, exported through export.py,
its graphs run in onnxruntime and compared with transformers' forward pass; writes a fixture the C# tests can use.

Made for the GPU machine (torch 2.x with CUDA, transformers >= 4.53 or 5.x, onnx, onnxruntime for the CPU; no
network, no dotnet): see DEVICE-RUN.md. Everything here runs on the CPU too, only slower (use --device cpu).

    python3 device_run.py --out "$OUT" [--device cuda]

Writes to --out (each file well under 16 MiB):
  tiny-model-hf/   vision.onnx, embed.onnx, decoder.onnx, weights.bin, tokenizer files (saved by transformers),
                   expected.json + expected-*.f32.gz (transformers' outputs), the format of the committed fixture;
  provenance.json  library versions, the exact configs, every measured difference, pass/fail per check.
Exit code 0 when every required check passed (float32 graphs within 1e-4 of transformers).
"""
import argparse
import gzip
import json
import platform
import sys
import time
import traceback
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch import nn

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import colqwen_contract as contract  # noqa: E402
import export  # noqa: E402
from hf_reference import contract_inputs, hf_rope_index, left_pad  # noqa: E402
from make_tiny_model import QUERIES, QUERY_AUGMENTATION, QUERY_PREFIX, VISUAL_PROMPT, write_tokenizer  # noqa: E402
from reference_preprocess import preprocess  # noqa: E402

IMAGES = HERE.parent.parent / "tests" / "Providers.ColQwen.Onnx.Tests" / "Fixtures" / "images"
# A4-shaped (merged grid 9 x 13: partial windows on both axes), tiny (upscaled), a photo, odd merged sizes.
PAGES = ["a4-page-248x351.png", "upscale-30x40.png", "photo-120x90.png", "page-50x80.png", "page-56x84.png",
         "translucent-60x60.png"]
MIN_PIXELS, MAX_PIXELS = 4 * 28 * 28, 768 * 28 * 28  # ColQwen2_5_Processor's min_pixels and max_num_visual_tokens
TOLERANCE = 1e-4


def build_config(vocab_size, special):
    from transformers import Qwen2_5_VLConfig

    text = dict(vocab_size=vocab_size, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                num_attention_heads=4, num_key_value_heads=2, rms_norm_eps=1e-6, max_position_embeddings=4096,
                initializer_range=0.1, tie_word_embeddings=False,
                rope_parameters={"rope_type": "default", "rope_theta": 1000000.0, "mrope_section": [2, 3, 3]},
                rope_theta=1000000.0, rope_scaling={"type": "mrope", "mrope_section": [2, 3, 3]})
    vision = dict(depth=4, hidden_size=32, intermediate_size=64, num_heads=2, out_hidden_size=64, patch_size=14,
                  spatial_merge_size=2, temporal_patch_size=2, window_size=56, fullatt_block_indexes=[1, 3],
                  in_channels=3, initializer_range=0.1)
    ids = dict(image_token_id=special["<|image_pad|>"], video_token_id=special["<|video_pad|>"],
               vision_start_token_id=special["<|vision_start|>"], vision_end_token_id=special["<|vision_end|>"])
    config = Qwen2_5_VLConfig(text_config=text, vision_config=vision, **ids)
    return config, {"text_config": text, "vision_config": vision, **ids}


def colqwen_class():
    """colpali's ColQwen2_5 (>= 0.3.11) as it is written there: a Qwen2_5_VLModel with a Linear(hidden, 128) head,
    L2 normalisation and the attention mask multiply."""
    from transformers import Qwen2_5_VLModel

    class TinyColQwen2_5(Qwen2_5_VLModel):  # noqa: N801
        def __init__(self, config):
            super().__init__(config)
            self.dim = 128
            self.custom_text_proj = nn.Linear(config.text_config.hidden_size, self.dim)
            self.post_init()

        def forward(self, *args, **kwargs):
            if "pixel_values" in kwargs:  # colpali's processor pads pixel_values per page: unpad
                offsets = kwargs["image_grid_thw"][:, 1] * kwargs["image_grid_thw"][:, 2]
                kwargs["pixel_values"] = torch.cat([v[:o] for v, o in zip(kwargs["pixel_values"], offsets)])
            hidden = super().forward(*args, **kwargs, use_cache=False, output_hidden_states=True,
                                     return_dict=True).last_hidden_state
            proj = self.custom_text_proj(hidden)
            proj = proj / proj.norm(dim=-1, keepdim=True)
            return proj * kwargs["attention_mask"].unsqueeze(-1)

    return TinyColQwen2_5


class Batch(dict):
    def to(self, device):
        return Batch({k: v.to(device) for k, v in self.items()})


class Processor:
    """ColQwen2_5_Processor's two entry points over transformers' own Qwen2-VL image processor and tokenizer."""

    def __init__(self, image_processor, tokenizer):
        self.image_processor, self.tokenizer = image_processor, tokenizer

    def encode(self, texts):
        return self.tokenizer(texts, padding="longest", return_tensors="pt")

    def process_images(self, images):
        processed = self.image_processor(images=[image.convert("RGB") for image in images], return_tensors="pt")
        grids = processed["image_grid_thw"]
        texts = [VISUAL_PROMPT.replace("<|image_pad|>", "<|image_pad|>" * int(g[1] * g[2] // 4)) for g in grids]
        tokens = self.encode(texts)
        counts = (grids[:, 1] * grids[:, 2]).tolist()
        rows = torch.split(processed["pixel_values"], counts)
        longest = max(counts)
        padded = torch.stack([torch.cat([r, r.new_zeros(longest - r.shape[0], r.shape[1])]) for r in rows])
        return Batch(input_ids=tokens["input_ids"], attention_mask=tokens["attention_mask"], pixel_values=padded,
                     image_grid_thw=grids)

    def process_queries(self, queries):
        tokens = self.encode([QUERY_PREFIX + q + QUERY_AUGMENTATION for q in queries])
        return Batch(input_ids=tokens["input_ids"], attention_mask=tokens["attention_mask"])


def image_processor():
    from transformers import Qwen2VLImageProcessor

    try:
        return Qwen2VLImageProcessor(size={"shortest_edge": MIN_PIXELS, "longest_edge": MAX_PIXELS})
    except (TypeError, ValueError):
        return Qwen2VLImageProcessor(min_pixels=MIN_PIXELS, max_pixels=MAX_PIXELS)


def write_floats(path, array):
    with gzip.GzipFile(path, "wb", mtime=0) as out:
        out.write(np.ascontiguousarray(array, dtype="<f4").tobytes())


def run_graphs(folder, batch_inputs, query_inputs, hidden):
    """The client's path in onnxruntime: vision → embed → decoder for pages, embed → decoder for queries."""
    import onnxruntime as ort

    sessions = {k: ort.InferenceSession(str(folder / f"{k}.onnx"), providers=["CPUExecutionProvider"])
                for k in ("vision", "embed", "decoder")}
    kind = {i.name: i.type for s in sessions.values() for i in s.get_inputs()}
    real = lambda name, value: value.astype(np.float16 if kind[name] == "tensor(float16)" else np.float32)  # noqa: E731
    ids, mask, positions, pixels, vision_positions, window_index, window_patches = [t.cpu().numpy() for t in batch_inputs]
    image = sessions["vision"].run(None, {"pixel_values": real("pixel_values", pixels), "vision_position_ids": vision_positions,
                                          "window_index": window_index, "window_patches": window_patches})[0]
    embeds = sessions["embed"].run(None, {"input_ids": ids, "image_embeds": real("image_embeds", image)})[0]
    pages = sessions["decoder"].run(None, {"inputs_embeds": real("inputs_embeds", embeds), "attention_mask": mask,
                                           "position_ids": positions})[0]
    q_ids, q_mask, q_positions = [t.cpu().numpy() for t in query_inputs]
    empty = np.zeros((q_ids.shape[0], 0, hidden), dtype=np.float32)
    q_embeds = sessions["embed"].run(None, {"input_ids": q_ids, "image_embeds": real("image_embeds", empty)})[0]
    queries = sessions["decoder"].run(None, {"inputs_embeds": real("inputs_embeds", q_embeds), "attention_mask": q_mask,
                                             "position_ids": q_positions})[0]
    return pages.astype(np.float32), queries.astype(np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    started = time.time()
    import onnx
    import onnxruntime
    import transformers
    from transformers import PreTrainedTokenizerFast

    report = {"versions": {"python": platform.python_version(), "torch": torch.__version__,
                           "cuda": torch.version.cuda, "transformers": transformers.__version__,
                           "onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__},
              "device": args.device, "checks": {}}
    print(json.dumps(report["versions"]), flush=True)
    fixture = args.out / "tiny-model-hf"
    fixture.mkdir(parents=True, exist_ok=True)
    scratch = args.out / "scratch-tokenizer"
    scratch.mkdir(exist_ok=True)
    bpe, vocab_size = write_tokenizer(scratch)
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(scratch / "tokenizer-json" / "tokenizer.json"),
                                        pad_token="<|endoftext|>", padding_side="left")
    processor = Processor(image_processor(), tokenizer)

    # 1. transformers' preprocessing and tokenizer against the references the C# client is already proven against.
    for name in PAGES:
        reference, grid, _ = preprocess(IMAGES / name)
        got = processor.image_processor(images=[Image.open(IMAGES / name).convert("RGB")], return_tensors="pt")
        same_grid = tuple(int(v) for v in got["image_grid_thw"][0]) == tuple(grid)
        diff = float(np.abs(got["pixel_values"].numpy() - reference).max()) if same_grid else None
        report["checks"][f"preprocess {name}"] = {"grid": list(grid), "same_grid": same_grid, "max_diff": diff}
    for q in QUERIES:
        text = QUERY_PREFIX + q + QUERY_AUGMENTATION
        report["checks"][f"tokenizer {q}"] = {"same_ids": tokenizer(text)["input_ids"] == bpe.encode(text)}

    # 2. The tiny model, from transformers' classes, random weights, eager attention, float32.
    torch.manual_seed(11)
    config, config_dict = build_config(vocab_size, bpe.special)
    report["config"] = config_dict
    try:
        model = colqwen_class()._from_config(config, attn_implementation="eager")
    except TypeError:
        config._attn_implementation = "eager"
        model = colqwen_class()(config)
    model = model.float().eval().to(args.device)

    # 3. transformers' forward over a colpali-style left-padded batch of mixed grids, and left-padded queries.
    images = [Image.open(IMAGES / name) for name in PAGES]
    pages = processor.process_images(images).to(args.device)
    queries = processor.process_queries(QUERIES).to(args.device)
    with torch.no_grad():
        page_out = model(**pages).cpu()
        query_out = model(**queries).cpu()

    # 4. export.py on this model (through its checks against the forward pass), TorchScript, then the others.
    report["exports"] = {}
    for name, kwargs in (("tiny-model-hf", {}), ("dynamo", {"exporter": "dynamo"}),
                         ("float16", {"dtype": "float16"}), ("bfloat16", {"dtype": "bfloat16"})):
        folder = fixture if name == "tiny-model-hf" else args.out / f"export-{name}"
        try:
            errors = export.export_model(model, processor, folder, "tiny-hf-colqwen2.5", device=args.device,
                                         weights_file="weights.bin", tolerance=TOLERANCE, **kwargs)
            report["exports"][name] = {"contract_vs_forward": list(errors)}
        except BaseException as e:  # noqa: BLE001 - record and go on to the next exporter
            report["exports"][name] = {"error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc()[-2000:]}

    # 5. The graphs in onnxruntime against the forward pass, per grid group, as the C# client batches pages.
    grids = [tuple(int(v) for v in g) for g in pages["image_grid_thw"].cpu()]
    prompts = [row[m == 1].tolist() for row, m in zip(pages["input_ids"].cpu(), pages["attention_mask"].cpu())]
    pixel_values = [v[:g[1] * g[2]].float().cpu() for v, g in zip(pages["pixel_values"].cpu(), grids)]
    q_ids, q_mask = queries["input_ids"].cpu(), queries["attention_mask"].cpu()
    query_inputs = (q_ids, q_mask, hf_rope_index(q_ids, q_mask, [], 0, -1))
    page_mask = pages["attention_mask"].cpu()
    for name in report["exports"]:
        folder = fixture if name == "tiny-model-hf" else args.out / f"export-{name}"
        if "error" in report["exports"][name]:
            continue
        worst_page = 0.0
        try:
            for grid in sorted(set(grids)):
                group = [i for i, g in enumerate(grids) if g == grid]
                inputs = contract_inputs(group, prompts, pixel_values, grid, tokenizer.pad_token_id,
                                         config.image_token_id, config.vision_start_token_id, 56)
                got, got_queries = run_graphs(folder, inputs, query_inputs, 64)
                for row, page in enumerate(group):
                    want = page_out[page][page_mask[page] == 1].numpy()
                    worst_page = max(worst_page, float(np.abs(got[row][-want.shape[0]:] - want).max()))
            worst_query = float(np.abs(got_queries - query_out.numpy()).max())
            report["exports"][name].update(onnxruntime_vs_transformers={"pages": worst_page, "queries": worst_query})
        except BaseException as e:  # noqa: BLE001
            report["exports"][name]["onnxruntime_error"] = f"{type(e).__name__}: {e}"

    # 6. The fixture: transformers' outputs in the committed fixture's format.
    expected = {"pages": [], "queries": [], "tolerance": TOLERANCE, "source": "transformers " + transformers.__version__}
    for i, name in enumerate(PAGES):
        rows = page_out[i][page_mask[i] == 1].numpy()
        write_floats(fixture / f"expected-page-{i}.f32.gz", rows)
        image_tokens = grids[i][1] * grids[i][2] // 4
        expected["pages"].append({"image": name, "inputIds": prompts[i], "gridThw": list(grids[i]),
                                  "imagePatchStart": prompts[i].index(config.image_token_id),
                                  "imagePatchLength": image_tokens, "tokens": int(rows.shape[0]),
                                  "embeddings": f"expected-page-{i}.f32.gz"})
    for i, q in enumerate(QUERIES):
        rows = query_out[i][q_mask[i] == 1].numpy()
        write_floats(fixture / f"expected-query-{i}.f32.gz", rows)
        expected["queries"].append({"text": q, "inputIds": q_ids[i][q_mask[i] == 1].tolist(),
                                    "tokens": int(rows.shape[0]), "embeddings": f"expected-query-{i}.f32.gz"})
    (fixture / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")

    main_export = report["exports"]["tiny-model-hf"].get("onnxruntime_vs_transformers", {})
    report["passed"] = bool(main_export) and max(main_export.values()) <= TOLERANCE
    report["seconds"] = round(time.time() - started, 1)
    (args.out / "provenance.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "config"}, indent=1)[:6000])
    print("PASS" if report["passed"] else "FAIL")
    sys.exit(0 if report["passed"] else 1)


if __name__ == "__main__":
    main()
