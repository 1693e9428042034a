#!/usr/bin/env python3
"""export.py's code paths on the CPU, against stub module trees laid out as each supported colpali / transformers
lays out ColQwen2_5 (the weights are the tiny model's): parts() and text_spec() for colpali 0.3.9-0.3.10 on
transformers 4.50-4.51, colpali >= 0.3.11 on transformers 4.53, and transformers 5's rope_parameters; LoRA merging;
moving every module and buffer to the export device; and a whole export_model() run through the stub processor
(the TorchScript exporter, float32 and float16), whose graphs must follow the contract.

Needs Debian's python3-torch, python3-onnx, python3-numpy, python3-pil, python3-regex:
    /usr/bin/python3 -m unittest discover -s tools/colqwen-onnx -p 'test_*.py'
"""
import io
import sys
import tempfile
import types
import unittest
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).parent))
import colqwen_contract as contract  # noqa: E402
import export  # noqa: E402
import make_tiny_model as tiny  # noqa: E402
from hf_reference import hf_forward, left_pad  # noqa: E402
from reference_preprocess import preprocess  # noqa: E402

SPEC = dict(num_attention_heads=4, num_key_value_heads=2, hidden_size=64)
MROPE = [2, 3, 3]


class StubColQwen(nn.Module):
    """colpali's ColQwen2_5 as far as export.py sees it: its forward is Hugging Face's path (hf_reference)."""

    def __init__(self, layout, tokenizer, vocab_size):
        super().__init__()
        torch.manual_seed(3)
        spec = contract.TextSpec(4, 2, 16, 1e6, MROPE)
        self.visual = tiny.TinyVisual(out=64)
        text = tiny.TinyText(vocab_size, 64, spec)
        self.custom_text_proj = nn.Linear(64, 128)
        self.dim = 128
        special = tokenizer.special
        ids = dict(image_token_id=special["<|image_pad|>"], vision_start_token_id=special["<|vision_start|>"])
        if layout == "colpali-0.3.10":  # Qwen2_5_VLForConditionalGeneration, transformers 4.51: flat config
            self.model = text
            self.config = types.SimpleNamespace(**SPEC, **ids, text_config=None, rope_theta=1e6,
                                                rope_scaling={"type": "mrope", "mrope_section": MROPE})
        else:  # Qwen2_5_VLModel: colpali >= 0.3.11
            self.language_model = text
            rope = ({"rope_parameters": {"rope_type": "default", "rope_theta": 1e6, "mrope_section": MROPE}}
                    if layout == "transformers-5" else
                    {"rope_theta": 1e6, "rope_scaling": {"type": "mrope", "mrope_section": MROPE}})
            self.config = types.SimpleNamespace(**ids, text_config=types.SimpleNamespace(**SPEC, **rope))
        self.tokenizer = tokenizer

    def text(self):
        return self.model if hasattr(self, "model") else self.language_model

    def forward(self, input_ids, attention_mask, pixel_values=None, image_grid_thw=None):
        language = contract.LanguageModel(self.text(), self.custom_text_proj, contract.TextSpec(4, 2, 16, 1e6, MROPE))
        if pixel_values is None:
            return hf_forward(language, self.text().embed_tokens, self.config.image_token_id, self.visual,
                              input_ids, attention_mask)
        grids = [tuple(int(v) for v in g) for g in image_grid_thw]
        flat = torch.cat([values[:g[1] * g[2]] for values, g in zip(pixel_values, grids)])
        return hf_forward(language, self.text().embed_tokens, self.config.image_token_id, self.visual, input_ids,
                          attention_mask, flat, grids, self.config.vision_start_token_id)


class Batch(dict):
    def to(self, device):
        return Batch({key: value.to(device) for key, value in self.items()})


class StubProcessor:
    """ColQwen2_5_Processor's process_images / process_queries on the tiny tokenizer and the reference preprocessing
    (left padding, pixel_values padded to the longest page, as colpali)."""

    def __init__(self, tokenizer, folder):
        self.bpe = tokenizer
        self.folder = folder
        pad = tokenizer.special["<|endoftext|>"]
        self.tokenizer = types.SimpleNamespace(pad_token_id=pad, save_pretrained=self.save)

    def save(self, out):
        for name in ("vocab.json", "merges.txt", "tokenizer_config.json"):
            (Path(out) / name).write_bytes((self.folder / name).read_bytes())

    def process_images(self, images):
        values, grids, prompts = [], [], []
        for image in images:
            png = io.BytesIO()
            image.resize((image.width // 8, image.height // 8)).save(png, format="PNG")
            pixels, grid, _ = preprocess(io.BytesIO(png.getvalue()))
            values.append(torch.from_numpy(pixels))
            grids.append(grid)
            prompts.append(self.bpe.encode(tiny.VISUAL_PROMPT.replace(
                "<|image_pad|>", "<|image_pad|>" * (grid[1] * grid[2] // 4))))
        ids, mask = left_pad(prompts, self.tokenizer.pad_token_id)
        longest = max(v.shape[0] for v in values)
        padded = torch.stack([torch.cat([v, v.new_zeros(longest - v.shape[0], v.shape[1])]) for v in values])
        return Batch(input_ids=ids, attention_mask=mask, pixel_values=padded, image_grid_thw=torch.tensor(grids))

    def process_queries(self, queries):
        ids, mask = left_pad([self.bpe.encode(tiny.QUERY_PREFIX + q + tiny.QUERY_AUGMENTATION) for q in queries],
                             self.tokenizer.pad_token_id)
        return Batch(input_ids=ids, attention_mask=mask)


class LoraLinear(nn.Module):
    """peft's LoRA layer as merge_lora sees it: merge() folds B·A into the base weight, get_base_layer() unwraps."""

    def __init__(self, base):
        super().__init__()
        self.base_layer = base
        self.lora_a = nn.Parameter(torch.randn(2, base.in_features) * 0.1)
        self.lora_b = nn.Parameter(torch.randn(base.out_features, 2) * 0.1)

    def forward(self, x):
        return self.base_layer(x) + x @ self.lora_a.T @ self.lora_b.T

    def merge(self):
        with torch.no_grad():
            self.base_layer.weight += self.lora_b @ self.lora_a

    def get_base_layer(self):
        return self.base_layer


class ModulesToSave(nn.Module):
    """peft's ModulesToSaveWrapper: the trained copy lives in modules_to_save[adapter]."""

    def __init__(self, original, trained):
        super().__init__()
        self.original_module = original
        self.modules_to_save = nn.ModuleDict({"default": trained})
        self.active_adapter = "default"

    def forward(self, x):
        return self.modules_to_save[self.active_adapter](x)


class ExportTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        cls.folder = Path(cls.scratch.name)
        cls.tokenizer, cls.vocab_size = tiny.write_tokenizer(cls.folder)

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def stub(self, layout):
        return StubColQwen(layout, self.tokenizer, self.vocab_size)

    def test_finds_the_parts_and_rotary_parameters_in_every_supported_layout(self):
        for layout in ("colpali-0.3.10", "colpali-0.3.11", "transformers-5"):
            with self.subTest(layout):
                model = self.stub(layout)
                visual, text, config, text_config = export.parts(model)
                self.assertIs(visual, model.visual)
                self.assertIs(text, model.text())
                self.assertEqual(export.text_spec(text_config), contract.TextSpec(4, 2, 16, 1e6, MROPE))

    def test_refuses_a_config_without_rotary_parameters(self):
        with self.assertRaisesRegex(ValueError, "mrope_section"):
            export.text_spec(types.SimpleNamespace(**SPEC, rope_theta=1e6))

    def test_merges_lora_layers_and_unwraps_modules_to_save(self):
        model = self.stub("transformers-5")
        layer = model.language_model.layers[0].self_attn
        layer.q_proj = LoraLinear(layer.q_proj)
        trained = nn.Linear(64, 128)
        model.custom_text_proj = ModulesToSave(model.custom_text_proj, trained)
        x = torch.randn(3, 64)
        with torch.no_grad():
            before = layer.q_proj(x)

        model, merged = export.merge_lora(model)

        self.assertEqual(merged, 1)
        self.assertIsInstance(model.language_model.layers[0].self_attn.q_proj, nn.Linear)
        self.assertIs(model.custom_text_proj, trained)
        with torch.no_grad():
            self.assertTrue(torch.allclose(model.language_model.layers[0].self_attn.q_proj(x), before, atol=1e-6))

    def test_moves_every_parameter_and_buffer_to_the_export_device(self):
        # "meta" stands in for "cuda" on a machine without a GPU: what is not moved stays on "cpu".
        model = self.stub("transformers-5").to("meta")
        visual, text, _, text_config = export.parts(model)
        wrappers = [contract.VisionTower(visual).to("meta"),
                    contract.LanguageModel(text, model.custom_text_proj, export.text_spec(text_config)).to("meta")]
        for wrapper in wrappers:
            for name, tensor in list(wrapper.named_parameters()) + list(wrapper.named_buffers()):
                self.assertEqual(tensor.device.type, "meta", name)
        self.assertEqual(wrappers[1].inv_freq.device.type, "meta")

    def test_exports_the_three_graphs_in_float32_and_float16(self):
        import onnx

        for dtype, layout in (("float32", "colpali-0.3.10"), ("float16", "transformers-5")):
            with self.subTest(dtype), tempfile.TemporaryDirectory() as out:
                model = self.stub(layout)
                errors = export.export_model(model, StubProcessor(self.tokenizer, self.folder), Path(out), "stub",
                                             dtype=dtype, weights_file="w.bin", tolerance=1e-5)
                self.assertLess(max(errors), 1e-5)
                half = onnx.TensorProto.FLOAT16 if dtype == "float16" else onnx.TensorProto.FLOAT
                for kind, first_input in (("vision", "pixel_values"), ("embed", "image_embeds"),
                                          ("decoder", "inputs_embeds")):
                    graph = onnx.load(str(Path(out) / f"{kind}.onnx"), load_external_data=False)
                    meta = {entry.key: entry.value for entry in graph.metadata_props}
                    self.assertEqual(meta["colqwen.contract"], contract.CONTRACT)
                    self.assertEqual(meta["colqwen.graph"], kind)
                    self.assertEqual(meta["colqwen.dtype"], dtype)
                    self.assertTrue(meta["colqwen.exporter"].startswith("torchscript"))
                    inputs = {value.name: value.type.tensor_type.elem_type for value in graph.graph.input}
                    self.assertEqual(inputs[first_input], half)
                    self.assertEqual(graph.opset_import[0].version, 17)
                decoder = onnx.load(str(Path(out) / "decoder.onnx"), load_external_data=False)
                self.assertEqual(decoder.graph.output[0].type.tensor_type.elem_type, onnx.TensorProto.FLOAT)
                self.assertTrue((Path(out) / "vocab.json").exists())


class HalfPrecisionTests(unittest.TestCase):
    def test_keeps_norms_softmax_and_the_final_normalisation_in_float32(self):
        import onnx

        import half_precision

        torch.manual_seed(5)
        spec = contract.TextSpec(4, 2, 16, 1e6, MROPE)
        language = contract.LanguageModel(tiny.TinyText(300, 64, spec), nn.Linear(64, 128), spec).eval()
        graph = contract.Graph("decoder", language, (torch.randn(2, 5, 64), torch.ones(2, 5, dtype=torch.long),
                                                     torch.arange(5).repeat(3, 2, 1)), contract.DECODER_INPUTS,
                               "embeddings")
        with tempfile.TemporaryDirectory() as out:
            path = str(Path(out) / "decoder.onnx")
            contract.export_onnx(graph, path, 17, dynamo=False)
            bfloat = half_precision.convert(onnx.load(path), "bfloat16")
            model = half_precision.convert(onnx.load(path), "float16")
        onnx.checker.check_model(bfloat)
        self.assertEqual(bfloat.graph.input[0].type.tensor_type.elem_type, onnx.TensorProto.BFLOAT16)
        self.assertTrue(all(t.data_type == onnx.TensorProto.BFLOAT16 for t in bfloat.graph.initializer if len(t.dims) == 2))
        onnx.checker.check_model(model)
        produced = {}
        for node in model.graph.node:
            for name in node.output:
                produced[name] = node
        casts_to = {node.output[0]: node.attribute[0].i for node in model.graph.node if node.op_type == "Cast"}
        softmax_inputs = [node.input[0] for node in model.graph.node if node.op_type == "Softmax"]
        self.assertTrue(softmax_inputs)
        for name in softmax_inputs:  # the mask add feeding softmax reads float32 scores (a Cast to float32)
            add = produced[name]
            self.assertEqual(add.op_type, "Add")
            self.assertIn(onnx.TensorProto.FLOAT, [casts_to.get(i) for i in produced[add.input[0]].input])
        weights = {t.name: t.data_type for t in model.graph.initializer if len(t.dims) == 2}
        self.assertTrue(weights and all(t == onnx.TensorProto.FLOAT16 for t in weights.values()))
        norm_weights = [t for t in model.graph.initializer if "norm" in t.name]
        self.assertTrue(norm_weights and all(t.data_type == onnx.TensorProto.FLOAT for t in norm_weights))


if __name__ == "__main__":
    unittest.main()
