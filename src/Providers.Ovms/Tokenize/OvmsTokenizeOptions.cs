namespace Providers.Ovms;

/// <summary>Settings of one <see cref="OvmsTokenizeClient.TokenizeAsync(IReadOnlyList{string}, OvmsTokenizeOptions?, CancellationToken)"/> call.</summary>
public sealed class OvmsTokenizeOptions
{
    /// <summary>Gets or sets the graph whose tokenizer runs; <see cref="OvmsOptions.EmbeddingModelId"/> when <see langword="null"/>.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets the most tokens per text (<c>max_length</c>): longer texts are cut; the server's default when <see langword="null"/>.</summary>
    public int? MaxLength { get; set; }

    /// <summary>Gets or sets whether every text is padded to <see cref="MaxLength"/> (<c>pad_to_max_length</c>; the server's default is no).</summary>
    public bool? PadToMaxLength { get; set; }

    /// <summary>Gets or sets whether the tokenizer adds its special tokens, such as BERT's <c>[CLS]</c> and <c>[SEP]</c> (<c>add_special_tokens</c>; the server's default is yes).</summary>
    public bool? AddSpecialTokens { get; set; }

    /// <summary>Gets or sets which side padding goes on (<c>padding_side</c>; the server's default is the right).</summary>
    public OvmsPaddingSide? PaddingSide { get; set; }
}

/// <summary>Which side of a text <c>/v3/tokenize</c> pads.</summary>
public enum OvmsPaddingSide
{
    /// <summary>Padding after the tokens (<c>"right"</c>).</summary>
    Right,

    /// <summary>Padding before the tokens (<c>"left"</c>).</summary>
    Left,
}
