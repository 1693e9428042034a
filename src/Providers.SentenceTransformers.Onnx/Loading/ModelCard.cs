namespace Providers.SentenceTransformers.Onnx.Loading;

/// <summary>What a model does to a text when the options do not say: from its files, or from its published card.</summary>
internal sealed record ModelCard(
    string ModelId, SentencePooling Pooling, bool Normalize, int MaxSequenceLength, bool LowerCase, bool? StripAccents,
    string QueryPrefix, string DocumentPrefix)
{
    // The two models the SentenceTransformers packages embed, as their Hugging Face cards and sentence-transformers
    // configuration files describe them (modules.json, 1_Pooling/config.json, sentence_bert_config.json,
    // config_sentence_transformers.json).
    public static ModelCard AllMiniLML6V2 { get; } = new(
        "sentence-transformers/all-MiniLM-L6-v2", SentencePooling.Mean, Normalize: true, MaxSequenceLength: 256,
        LowerCase: true, StripAccents: null, QueryPrefix: string.Empty, DocumentPrefix: string.Empty);

    public static ModelCard ArcticEmbedXs { get; } = new(
        "Snowflake/snowflake-arctic-embed-xs", SentencePooling.Cls, Normalize: true, MaxSequenceLength: 512,
        LowerCase: true, StripAccents: null, QueryPrefix: "Represent this sentence for searching relevant passages: ",
        DocumentPrefix: string.Empty);

    /// <summary>BERT's own limits when nothing else is known: 512 positions, uncased, mean pooling, unit vectors.</summary>
    public static ModelCard Generic(string modelId) => new(
        modelId, SentencePooling.Mean, Normalize: true, MaxSequenceLength: 512, LowerCase: true, StripAccents: null,
        QueryPrefix: string.Empty, DocumentPrefix: string.Empty);
}
