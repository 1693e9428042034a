#!/usr/bin/env python3
"""Exports ColQwen2.5 (vidore/colqwen2.5-v0.2 by default) to the local generator's ONNX contract (version 2).

Run it where the weights can be downloaded or are cached; it is documented in docs/local-colqwen.md and is not run
in CI (its code paths are, against a stub module tree: test_export.py). Works with
- colpali-engine 0.3.9 / 0.3.10 (transformers 4.50 / 4.51: ColQwen2_5 is a Qwen2_5_VLForConditionalGeneration with
  ``visual`` and ``model``, the text decoder; rope_theta and rope_scaling on the config), and
- colpali-engine >= 0.3.11 (transformers >= 4.53, and 5.x: ColQwen2_5 is a Qwen2_5_VLModel with ``visual`` and
  ``language_model``; transformers 5 keeps rope_theta and mrope_section in text_config.rope_parameters).

    python export.py --out ./colqwen2.5-onnx [--model vidore/colqwen2.5-v0.2] [--device cuda]
                     [--dtype float32|float16|bfloat16] [--vision-dtype float32] [--exporter torchscript|dynamo]

The output folder holds vision.onnx, embed.onnx, decoder.onnx, one weights file and the tokenizer files the C#
client reads. The LoRA adapter (v0.2 is one, on vidore/colqwen2.5-base) is merged into the base weights first.
Before saving, the script checks that the contract's path through the weights reproduces colpali's own forward
pass on a sample page and a sample query, and it prints the process's peak memory at each stage.
"""
import argparse
import resource
import sys
from pathlib import Path

import torch
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).parent))
import colqwen_contract as contract  # noqa: E402
from hf_reference import contract_inputs, hf_rope_index  # noqa: E402

# Each exporter with the opset it is run at: TorchScript (torch 1.13 to 2.x; torch >= 2.9 defaults to the other
# one, so it is asked for explicitly) at 17; torch.export's exporter (torch >= 2.5) at 18, its lowest.
EXPORTERS = {"torchscript": 17, "dynamo": 18}


def sample_page(width=620, height=877):
    """An A4-proportioned page with a few lines, so the trace sees a realistic grid (several windows)."""
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    for top in range(80, height - 80, 24):
        draw.rectangle([60, top, width - 60 - (top * 7) % 200, top + 10], fill=(30, 30, 30))
    return page


def parts(model):
    """The vision tower, the text decoder and the configs, wherever this colpali / transformers keeps them."""
    visual = model.visual if hasattr(model, "visual") else model.model.visual
    if hasattr(model, "language_model"):  # colpali >= 0.3.11 (and transformers >= 4.52's property)
        text = model.language_model
    else:  # colpali 0.3.9 / 0.3.10 on transformers 4.50 / 4.51: .model is the text decoder itself
        inner = model.model
        text = inner.language_model if hasattr(inner, "language_model") else inner
    config = model.config
    text_config = config.text_config if getattr(config, "text_config", None) is not None else config
    return visual, text, config, text_config


def text_spec(text_config):
    """Attention shape and rotary parameters: rope_theta and rope_scaling["mrope_section"] (transformers 4), or
    rope_parameters (transformers 5)."""
    rope = dict(getattr(text_config, "rope_parameters", None) or {})
    scaling = dict(getattr(text_config, "rope_scaling", None) or {})
    theta = rope.get("rope_theta", getattr(text_config, "rope_theta", None))
    section = rope.get("mrope_section", scaling.get("mrope_section"))
    if theta is None or section is None:
        raise ValueError(f"no rope_theta / mrope_section in the text config (rope_parameters={rope}, rope_scaling={scaling})")
    heads = text_config.num_attention_heads
    return contract.TextSpec(
        num_heads=heads,
        num_kv_heads=text_config.num_key_value_heads,
        head_dim=getattr(text_config, "head_dim", None) or text_config.hidden_size // heads,
        rope_theta=float(theta),
        mrope_section=[int(v) for v in section],
    )


def merge_lora(model):
    """Folds every LoRA layer into its base weights and unwraps peft's modules_to_save copies, so the graphs hold
    plain Linear layers (an unmerged adapter adds two MatMuls per adapted projection). Returns (model, merged)."""
    if hasattr(model, "merge_and_unload"):  # a peft PeftModel
        return model.merge_and_unload(), -1
    merged = 0
    for name, module in list(model.named_modules()):
        replacement = None
        if hasattr(module, "merge") and hasattr(module, "get_base_layer"):  # peft's BaseTunerLayer
            module.merge()
            replacement = module.get_base_layer()
            merged += 1
        elif hasattr(module, "modules_to_save") and hasattr(module, "original_module"):  # ModulesToSaveWrapper
            active = module.active_adapter
            replacement = module.modules_to_save[active if isinstance(active, str) else active[0]]
        if replacement is not None:
            parent, _, child = name.rpartition(".")
            setattr(model.get_submodule(parent) if parent else model, child, replacement)
    return model, merged


def peak_memory(stage):
    """The process's peak resident memory so far (Linux reports KiB), and the GPU's when CUDA is used."""
    line = f"[{stage}] peak RAM {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.1f} GiB"
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        line += f", peak GPU memory {torch.cuda.max_memory_allocated() / 2**30:.1f} GiB"
    print(line, flush=True)


def export_model(model, processor, out, model_id, device="cpu", exporter="torchscript", opset=None,
                 dtype="float32", vision_dtype=None, weights_file="colqwen2.5.weights", tolerance=1e-3):
    """Wraps a loaded colpali ColQwen2_5 in the contract's modules, checks them against its forward pass and writes
    the three graphs, their weights and the tokenizer to out."""
    model, merged = merge_lora(model)
    print(f"LoRA: {'merged by peft' if merged < 0 else f'{merged} adapted layers merged'}")
    model = model.to(device).eval()
    visual, text, config, text_config = parts(model)
    image_token_id, vision_start_id = config.image_token_id, config.vision_start_token_id
    # The wrappers hold buffers of their own (the decoder's inv_freq): move them too.
    vision = contract.VisionTower(visual).to(device).eval()
    embed = contract.TokenEmbedding(text.embed_tokens, image_token_id).to(device).eval()
    language = contract.LanguageModel(text, model.custom_text_proj, text_spec(text_config)).to(device).eval()

    pages = processor.process_images([sample_page(), sample_page()]).to(device)
    grid = tuple(int(v) for v in pages["image_grid_thw"][0])
    patches = grid[1] * grid[2]
    prompts = [row[mask == 1].tolist() for row, mask in zip(pages["input_ids"], pages["attention_mask"])]
    pixel_values = [values[:patches].float().cpu() for values in pages["pixel_values"]]
    pad_id = processor.tokenizer.pad_token_id
    page_example = tuple(t.to(device) for t in contract_inputs(
        [0, 1], prompts, pixel_values, grid, pad_id, image_token_id, vision_start_id, visual.window_size))
    queries = processor.process_queries(["What is the revenue in 2023?", "Where is the legend?"]).to(device)
    query_example = (queries["input_ids"], queries["attention_mask"],
                     hf_rope_index(queries["input_ids"].cpu(), queries["attention_mask"].cpu(), [], 0, -1).to(device))

    with torch.no_grad():
        expected_pages = model(**pages)
        expected_queries = model(**queries)
        got_pages = contract.run_page(vision, embed, language, page_example)
        got_queries = contract.run_query(embed, language, query_example)
    page_error = (got_pages - expected_pages[:, -got_pages.shape[1]:]).abs().max().item()
    query_error = (got_queries - expected_queries).abs().max().item()
    print(f"contract vs colpali: pages max |diff| {page_error:.2e}, queries {query_error:.2e}")
    peak_memory("model loaded and checked")
    if page_error > tolerance or query_error > tolerance:
        raise SystemExit("the contract's path does not reproduce colpali's output; not exporting")

    metadata = {
        "colqwen.dim": model.dim,
        "colqwen.image_token_id": image_token_id,
        "colqwen.patch_size": contract.PATCH_SIZE,
        "colqwen.temporal_patch_size": contract.TEMPORAL_PATCH_SIZE,
        "colqwen.merge_size": contract.MERGE_SIZE,
        "colqwen.window_size": visual.window_size,
        "colqwen.model": model_id,
        "colqwen.exporter": f"{exporter} (torch {torch.__version__})",
    }
    graph_list = contract.graphs(vision, embed, language, page_example, query_example)
    contract.export_graphs(graph_list, out, metadata, weights_file=weights_file,
                           opset=opset or EXPORTERS[exporter], dynamo=exporter == "dynamo",
                           dtype=dtype, vision_dtype=vision_dtype)
    processor.tokenizer.save_pretrained(str(out))
    peak_memory("exported")
    return page_error, query_error


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="vidore/colqwen2.5-v0.2")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--device", default="cpu", help="cpu or cuda[:N]: where the check and the trace run")
    parser.add_argument("--exporter", choices=sorted(EXPORTERS), default="torchscript")
    parser.add_argument("--opset", type=int, help="default: 17 for torchscript, 18 for dynamo")
    parser.add_argument("--dtype", choices=["float32", "float16", "bfloat16"], default="float32",
                        help="precision of the embed and decoder graphs (norms, softmax, final normalisation stay float32)")
    parser.add_argument("--vision-dtype", choices=["float32", "float16", "bfloat16"],
                        help="precision of the vision graph (default: --dtype); float16 can overflow in its MLPs")
    parser.add_argument("--weights-file", default="colqwen2.5.weights")
    args = parser.parse_args()

    import transformers
    from colpali_engine.models import ColQwen2_5, ColQwen2_5_Processor

    # float32 and eager attention: the check compares with float32 colpali, and only eager attention is traceable.
    # transformers 5 renamed torch_dtype to dtype, and loads in the checkpoint's precision (bfloat16) without it.
    dtype_key = "dtype" if int(transformers.__version__.split(".")[0]) >= 5 else "torch_dtype"
    model = ColQwen2_5.from_pretrained(args.model, attn_implementation="eager", **{dtype_key: torch.float32})
    processor = ColQwen2_5_Processor.from_pretrained(args.model)
    peak_memory("model loaded")
    export_model(model, processor, args.out, args.model, device=args.device, exporter=args.exporter,
                 opset=args.opset, dtype=args.dtype, vision_dtype=args.vision_dtype, weights_file=args.weights_file)
    print(f"exported to {args.out}")


if __name__ == "__main__":
    main()
