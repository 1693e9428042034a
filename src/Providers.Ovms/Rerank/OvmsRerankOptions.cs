namespace Providers.Ovms;

/// <summary>Settings of one rerank call.</summary>
public sealed class OvmsRerankOptions
{
    /// <summary>Gets or sets the rerank graph; <see cref="OvmsOptions.RerankModelId"/> when <see langword="null"/>.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets how many of the best documents to return; all when <see langword="null"/>.</summary>
    public int? TopN { get; set; }

    /// <summary>Gets or sets a value indicating whether results carry the documents' text; the server's default (yes) when <see langword="null"/>.</summary>
    public bool? ReturnDocuments { get; set; }
}
