#!/usr/bin/env python3
"""Exports ColQwen2.5 (vidore/colqwen2.5-v0.2 by default) to the local generator's ONNX contract.

Run it where the weights can be downloaded or are cached; it is documented in docs/local-colqwen.md and is not run
in CI. It needs Python 3.10+, torch>=2.1, transformers (a version colpali-engine supports), colpali-engine>=0.3.9,
onnx, Pillow and about 40 GB of RAM (the model is loaded in float32 and exported twice).

    python export.py --out ./colqwen2.5-onnx [--model vidore/colqwen2.5-v0.2] [--device cuda]

The output folder holds document.onnx, query.onnx, one shared weights file (the language model is stored once),
and the tokenizer files the C# client reads. Before saving, the script checks that the contract's path through
the weights reproduces colpali's own forward pass on a sample page and a sample query.
"""
import argparse
import sys
from pathlib import Path

import torch
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).parent))
import colqwen_contract as contract  # noqa: E402
from hf_reference import contract_inputs, hf_rope_index  # noqa: E402


def sample_page(width=620, height=877):
    """An A4-proportioned page with a few lines, so the trace sees a realistic grid (several windows)."""
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    for top in range(80, height - 80, 24):
        draw.rectangle([60, top, width - 60 - (top * 7) % 200, top + 10], fill=(30, 30, 30))
    return page


def parts(model):
    """The vision tower, the language model and the configs, wherever this transformers version keeps them."""
    inner = model.model
    visual = model.visual if hasattr(model, "visual") else inner.visual
    text = inner.language_model if hasattr(inner, "language_model") else inner
    config = model.config
    text_config = config.text_config if hasattr(config, "text_config") else config
    return visual, text, config, text_config


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="vidore/colqwen2.5-v0.2")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--weights-file", default="colqwen2.5.weights")
    args = parser.parse_args()

    from colpali_engine.models import ColQwen2_5, ColQwen2_5_Processor

    # float32 and eager attention: the vision MLPs can overflow in float16, and only eager attention is traceable.
    model = ColQwen2_5.from_pretrained(args.model, torch_dtype=torch.float32, attn_implementation="eager")
    model = model.to(args.device).eval()
    processor = ColQwen2_5_Processor.from_pretrained(args.model)
    visual, text, config, text_config = parts(model)

    spec = contract.TextSpec(
        num_heads=text_config.num_attention_heads,
        num_kv_heads=text_config.num_key_value_heads,
        head_dim=getattr(text_config, "head_dim", None) or text_config.hidden_size // text_config.num_attention_heads,
        rope_theta=text_config.rope_theta,
        mrope_section=list(text_config.rope_scaling["mrope_section"]),
    )
    image_token_id = config.image_token_id
    vision_start_id = config.vision_start_token_id
    language = contract.LanguageModel(text, model.custom_text_proj, spec, image_token_id)
    document = contract.DocumentGraph(contract.VisionTower(visual), language)
    query = contract.QueryGraph(language)

    pages = processor.process_images([sample_page(), sample_page()]).to(args.device)
    grid = tuple(int(v) for v in pages["image_grid_thw"][0])
    patches = grid[1] * grid[2]
    prompts = [row[mask == 1].tolist() for row, mask in zip(pages["input_ids"], pages["attention_mask"])]
    pixel_values = [values[:patches].float().cpu() for values in pages["pixel_values"]]
    pad_id = processor.tokenizer.pad_token_id
    document_example = tuple(t.to(args.device) for t in contract_inputs(
        [0, 1], prompts, pixel_values, grid, pad_id, image_token_id, vision_start_id, visual.window_size))

    queries = processor.process_queries(["What is the revenue in 2023?", "Where is the legend?"]).to(args.device)
    query_example = (queries["input_ids"], queries["attention_mask"],
                     hf_rope_index(queries["input_ids"].cpu(), queries["attention_mask"].cpu(), [], 0, -1)
                     .to(args.device))

    with torch.no_grad():
        expected_pages = model(**pages)
        expected_queries = model(**queries)
        got_pages = document(*document_example)
        got_queries = query(*query_example)
    page_error = (got_pages - expected_pages[:, -got_pages.shape[1]:]).abs().max().item()
    query_error = (got_queries - expected_queries).abs().max().item()
    print(f"contract vs colpali: pages max |diff| {page_error:.2e}, queries {query_error:.2e}")
    if page_error > 1e-3 or query_error > 1e-3:
        sys.exit("the contract's path does not reproduce colpali's output; not exporting")

    metadata = {
        "colqwen.dim": model.dim,
        "colqwen.image_token_id": image_token_id,
        "colqwen.patch_size": contract.PATCH_SIZE,
        "colqwen.temporal_patch_size": contract.TEMPORAL_PATCH_SIZE,
        "colqwen.merge_size": contract.MERGE_SIZE,
        "colqwen.window_size": visual.window_size,
        "colqwen.model": args.model,
    }
    contract.export_graphs(document, query, document_example, query_example, args.out, metadata,
                           weights_file=args.weights_file, opset=args.opset)
    processor.tokenizer.save_pretrained(args.out)
    print(f"exported to {args.out}")


if __name__ == "__main__":
    main()
