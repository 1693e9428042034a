"""Hugging Face's own data-dependent index logic for Qwen2.5-VL, re-implemented with loops as transformers writes it.

The tiny model's expected outputs are computed through these functions, not through the contract's index inputs,
so that a client matching them is known to compute window order, rotary positions and multimodal positions as
Hugging Face does. The export script uses them to build its example inputs and to check the exported path.
"""
import torch
from torch import nn

import colqwen_contract as contract


def hf_rot_pos_ids(grids):
    ids = []
    for t, h, w in grids:
        hpos = torch.arange(h).unsqueeze(1).expand(-1, w).reshape(h // 2, 2, w // 2, 2).permute(0, 2, 1, 3).flatten()
        wpos = torch.arange(w).unsqueeze(0).expand(h, -1).reshape(h // 2, 2, w // 2, 2).permute(0, 2, 1, 3).flatten()
        ids.append(torch.stack([hpos, wpos], dim=-1).repeat(t, 1))
    return torch.cat(ids)


def hf_window_index(grids, window_size):
    window_index, cu_window_seqlens, offset = [], [0], 0
    per_window = window_size // contract.MERGE_SIZE // contract.PATCH_SIZE
    for t, h, w in grids:
        lh, lw = h // 2, w // 2
        index = torch.arange(t * lh * lw).reshape(t, lh, lw)
        pad_h, pad_w = per_window - lh % per_window, per_window - lw % per_window
        nh, nw = (lh + pad_h) // per_window, (lw + pad_w) // per_window
        padded = nn.functional.pad(index, (0, pad_w, 0, pad_h), "constant", -100)
        padded = padded.reshape(t, nh, per_window, nw, per_window).permute(0, 1, 3, 2, 4)
        padded = padded.reshape(t, nh * nw, per_window, per_window)
        seqlens = (padded != -100).sum([2, 3]).reshape(-1)
        padded = padded.reshape(-1)
        window_index.append(padded[padded != -100] + offset)
        cu_window_seqlens.extend((seqlens.cumsum(0) * contract.MERGE_UNIT + cu_window_seqlens[-1]).tolist())
        offset += t * lh * lw
    return torch.cat(window_index), torch.unique_consecutive(torch.tensor(cu_window_seqlens))


def block_mask(cu_seqlens, size):
    mask = torch.full([size, size], torch.finfo(torch.float32).min)
    for i in range(1, len(cu_seqlens)):
        mask[cu_seqlens[i - 1]:cu_seqlens[i], cu_seqlens[i - 1]:cu_seqlens[i]] = 0
    return mask


def hf_vision(visual, pixel_values, grids):
    """Qwen2_5_VisionTransformerPretrainedModel.forward over a flat [N, 1176] of several images (one batch row)."""
    x = visual.patch_embed(pixel_values)
    n = x.shape[0]
    pos = hf_rot_pos_ids(grids)
    max_grid = max(max(h, w) for _, h, w in grids)
    table = torch.outer(torch.arange(max_grid, dtype=torch.float32), visual.rotary_pos_emb.inv_freq)
    rotary = table[pos].flatten(1)
    window_index, cu_window = hf_window_index(grids, visual.window_size)
    x = x.reshape(n // 4, 4, -1)[window_index].reshape(n, -1)
    rotary = rotary.reshape(n // 4, 4, -1)[window_index].reshape(n, -1)
    emb = torch.cat((rotary, rotary), dim=-1)
    cos, sin = emb.cos(), emb.sin()
    cu_full = torch.nn.functional.pad(torch.tensor([h * w for _, h, w in grids]).cumsum(0), (1, 0))
    full, windowed = block_mask(cu_full, n), block_mask(cu_window, n)
    x = x.unsqueeze(0)
    for index, block in enumerate(visual.blocks):
        bias = full if index in visual.fullatt_block_indexes else windowed
        x = x + contract.vision_attention(block.attn, block.norm1(x), cos, sin, bias)
        x = x + block.mlp(block.norm2(x))
    tokens = visual.merger(x[0])
    return tokens[torch.argsort(window_index)]


def hf_rope_index(input_ids, attention_mask, grids, image_token_id, vision_start_id):
    """Qwen2_5_VLModel.get_rope_index for images (or plain text when grids is empty)."""
    position_ids = torch.ones(3, *input_ids.shape, dtype=torch.long)
    image = 0
    for b in range(input_ids.shape[0]):
        ids = input_ids[b][attention_mask[b] == 1].tolist()
        pieces, st = [], 0
        starts = [i for i, token in enumerate(ids) if token == vision_start_id]
        for s in starts:
            if s + 1 >= len(ids) or ids[s + 1] != image_token_id:
                continue
            ed = ids.index(image_token_id, st)
            t, h, w = grids[image]
            image += 1
            lh, lw = h // 2, w // 2
            text_len = ed - st
            st_idx = pieces[-1].max() + 1 if pieces else 0
            pieces.append(torch.arange(text_len).view(1, -1).expand(3, -1) + st_idx)
            t_index = torch.zeros(t * lh * lw, dtype=torch.long)
            h_index = torch.arange(lh).view(1, -1, 1).expand(t, -1, lw).flatten()
            w_index = torch.arange(lw).view(1, 1, -1).expand(t, lh, -1).flatten()
            pieces.append(torch.stack([t_index, h_index, w_index]) + text_len + st_idx)
            st = ed + t * lh * lw
        if st < len(ids):
            st_idx = pieces[-1].max() + 1 if pieces else 0
            pieces.append(torch.arange(len(ids) - st).view(1, -1).expand(3, -1) + st_idx)
        position_ids[:, b, attention_mask[b] == 1] = torch.cat(pieces, dim=1)
    return position_ids


def left_pad(sequences, pad_id):
    length = max(len(s) for s in sequences)
    ids = torch.tensor([[pad_id] * (length - len(s)) + s for s in sequences])
    mask = torch.tensor([[0] * (length - len(s)) + [1] * len(s) for s in sequences])
    return ids, mask


def hf_forward(language, embed_tokens, image_token_id, visual, input_ids, attention_mask, pixel_values=None,
               grids=(), vision_start_id=None):
    """ColQwen2_5.forward as colpali runs it: one call over a left-padded batch of mixed grids, the image tokens
    put in place by a flat masked_scatter over the whole batch."""
    inputs_embeds = embed_tokens(input_ids)
    if grids:
        image_tokens = hf_vision(visual, pixel_values, grids)
        is_image = (input_ids == image_token_id).unsqueeze(-1).expand_as(inputs_embeds)
        inputs_embeds = inputs_embeds.masked_scatter(is_image, image_tokens.to(inputs_embeds.dtype))
    position_ids = hf_rope_index(input_ids, attention_mask, list(grids), image_token_id, vision_start_id)
    return language(inputs_embeds, attention_mask, position_ids)


def window_patches(cu_window_seqlens):
    """The vision graph's [windows, window_length] slots: window w's patches (window order), -1 after its end."""
    lengths = (cu_window_seqlens[1:] - cu_window_seqlens[:-1]).tolist()
    slots = torch.full((len(lengths), max(lengths)), -1, dtype=torch.long)
    for w, start in enumerate(cu_window_seqlens[:-1].tolist()):
        slots[w, :lengths[w]] = torch.arange(start, start + lengths[w])
    return slots


def contract_inputs(pages, prompts, pixel_values, grid, pad_id, image_token_id, vision_start_id, window_size):
    """The page graphs' inputs for pages of one grid, derived from Hugging Face's index logic: input_ids,
    attention_mask, position_ids, pixel_values, vision_position_ids, window_index, window_patches."""
    ids, mask = left_pad([prompts[i] for i in pages], pad_id)
    window_index, cu_window = hf_window_index([grid], window_size)
    return (ids, mask, hf_rope_index(ids, mask, [grid] * len(pages), image_token_id, vision_start_id),
            torch.stack([pixel_values[i] for i in pages]), hf_rot_pos_ids([grid]), window_index,
            window_patches(cu_window))
