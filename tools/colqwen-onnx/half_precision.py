"""Converts an exported float32 contract graph to float16 (or bfloat16), keeping the numerically fragile parts in
float32: RMSNorm (any node under a norm module's scope), softmax with its scaling and additive mask, and the final
L2 normalisation (the ``normalize`` module). Graph-level, so it runs wherever onnx does: torch's CPU kernels have no
float16 on torch 1.13, and the conversion must not depend on where the model was traced.

The rule, per node:
- "activation" tensors are those computed from a float graph input or from a node reading a weight (a float
  initializer of at least 1024 values); the rotary angles and attention masks, computed from integer inputs and
  small constants, are not, and stay float32;
- a node reading an activation computes in half precision, unless it is in one of the float32 islands above;
- Casts are inserted where a tensor's precision differs from what its consumer computes in; weights read only by
  half-precision nodes are stored in half precision, so the weights file shrinks by half.
"""
import re

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FLOAT32_SCOPES = {"norm", "norm1", "norm2", "input_layernorm", "post_attention_layernorm", "ln_q", "normalize"}
SOFTMAX_INPUT_OPS = {"Add", "Sub", "Mul", "Div"}
WEIGHT_SIZE = 1024
TARGETS = {"float16": TensorProto.FLOAT16, "bfloat16": TensorProto.BFLOAT16}


def scopes(node):
    """The module scopes a node was traced in: TorchScript's exporter writes them into the node name
    ("/input_layernorm/Pow", "/input_layernorm_1/Pow" for the next call of a module of that name), torch.export's
    into the node's metadata."""
    names = node.name.split("/")
    for entry in getattr(node, "metadata_props", []):
        if entry.key in ("namespace", "pkg.torch.onnx.name_scopes"):
            names.extend(re.split(r"[/.,\[\]' :]+", entry.value))
    return {re.sub(r"_\d+$", "", name) for name in names}


def half_bytes(array, target):
    array = np.ascontiguousarray(array, dtype=np.float32)
    if target == TensorProto.FLOAT16:
        return array.astype(np.float16).tobytes()
    bits = array.view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16  # round to nearest even
    return rounded.astype(np.uint16).tobytes()


def convert(model: onnx.ModelProto, dtype: str = "float16") -> onnx.ModelProto:
    target = TARGETS[dtype]
    inferred = onnx.shape_inference.infer_shapes(model)
    graph = model.graph
    elem_type = {}
    for value in list(inferred.graph.value_info) + list(graph.input) + list(graph.output):
        elem_type[value.name] = value.type.tensor_type.elem_type
    initializers = {t.name: t for t in graph.initializer}
    for tensor in graph.initializer:
        elem_type[tensor.name] = tensor.data_type
    for node in graph.node:
        if node.op_type == "Constant":
            elem_type[node.output[0]] = node.attribute[0].t.data_type if node.attribute[0].type == 4 else 0
    is_float = lambda name: elem_type.get(name) == TensorProto.FLOAT  # noqa: E731
    weights = {name for name, t in initializers.items()
               if t.data_type == TensorProto.FLOAT and np.prod(t.dims) >= WEIGHT_SIZE}

    producer = {out: node for node in graph.node for out in node.output}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    # Activations, in topological order (the exporters emit nodes in that order).
    activation = {value.name for value in graph.input if is_float(value.name)}
    for node in graph.node:
        if any(name in activation or name in weights for name in node.input):
            activation.update(out for out in node.output if is_float(out) or out not in elem_type)

    island = set()
    for node in graph.node:
        if scopes(node) & FLOAT32_SCOPES:
            island.add(id(node))
        elif node.op_type == "Softmax":
            island.add(id(node))
            step = producer.get(node.input[0])
            while step is not None and step.op_type in SOFTMAX_INPUT_OPS:
                island.add(id(step))
                step = next((producer[i] for i in step.input if i in activation and i in producer), None)
    half_node = lambda node: id(node) not in island and any(  # noqa: E731
        n in activation or n in weights for n in node.input)

    # Precision of every float tensor after conversion.
    precision = {}
    for value in graph.input:
        if is_float(value.name):
            precision[value.name] = target
            value.type.tensor_type.elem_type = target
    for name, tensor in initializers.items():
        if tensor.data_type == TensorProto.FLOAT and all(half_node(c) for c in consumers.get(name, [])):
            raw = half_bytes(numpy_helper.to_array(tensor), target)
            tensor.ClearField("float_data")
            tensor.raw_data = raw
            tensor.data_type = target
            precision[name] = target
    for node in graph.node:
        half = half_node(node)
        to = next((a for a in node.attribute if a.name == "to"), None)
        if half and node.op_type == "Cast" and to.i == TensorProto.FLOAT:
            to.i = target
        for out in node.output:
            if out in activation or is_float(out):
                precision[out] = target if half else TensorProto.FLOAT

    # Casts where a consumer computes in another precision than its float input carries.
    casts, new_nodes = {}, []
    for node in graph.node:
        half = half_node(node)
        for position, name in enumerate(node.input):
            if name == "" or not (is_float(name) or name in precision):
                continue
            have = precision.get(name, TensorProto.FLOAT)
            want = target if half else TensorProto.FLOAT
            if node.op_type in ("Shape", "Size") or have == want:
                continue
            key = (name, want)
            if key not in casts:
                casts[key] = f"{name}/as_{'half' if want == target else 'float32'}"
                new_nodes.append(helper.make_node("Cast", [name], [casts[key]], to=want,
                                                  name=casts[key] + "/Cast"))
            node.input[position] = casts[key]
        new_nodes.append(node)
    del graph.node[:]
    graph.node.extend(new_nodes)
    for value in graph.output:
        if value.name in precision:
            value.type.tensor_type.elem_type = precision[value.name]
    del graph.value_info[:]
    return model
