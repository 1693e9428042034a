using Providers.Emulator.Models;

namespace Providers.Emulator.Ovms;

/// <summary>
/// The stand-in tokenizer of an OVMS embeddings graph: <see cref="TextTokens.Ids"/> framed by BERT's
/// <c>[CLS]</c>/<c>[SEP]</c> (the gte models' tokenizer), truncated to <c>max_length</c> and padded with
/// <c>[PAD]</c> only when <c>pad_to_max_length</c> asks, since OVMS drops the padding it adds to a batch.
/// </summary>
internal static class OvmsTokenizer
{
    public const long Cls = 101;
    public const long Sep = 102;
    public const long Pad = 0;

    public static List<List<long>> Encode(OvmsTokenizeRequest request)
    {
        var sequences = request.Texts.Select(text => Encode(text, request)).ToList();
        if (request.PadToMaxLength)
        {
            // Inferred: without max_length the batch pads to its longest sequence.
            var length = request.MaxLength ?? sequences.Max(s => s.Count);
            foreach (var sequence in sequences)
            {
                var padding = Enumerable.Repeat(Pad, Math.Max(0, length - sequence.Count));
                sequence.InsertRange(request.PadLeft ? 0 : sequence.Count, padding);
            }
        }

        return sequences;
    }

    private static List<long> Encode(string text, OvmsTokenizeRequest request)
    {
        var ids = TextTokens.Ids(text);
        var specials = request.AddSpecialTokens ? 2 : 0;
        if (request.MaxLength is { } max && ids.Count + specials > max)
        {
            // Truncation keeps the special tokens and cuts the text, as Hugging Face tokenizers do.
            var kept = Math.Max(0, max - specials);
            ids.RemoveRange(kept, ids.Count - kept);
        }

        List<long> sequence = request.AddSpecialTokens ? [Cls, .. ids, Sep] : ids;
        return request.MaxLength is { } limit && sequence.Count > limit ? sequence[..limit] : sequence;
    }
}
