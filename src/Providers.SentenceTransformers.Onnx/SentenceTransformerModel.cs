using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.Tokenizers;
using Providers.SentenceTransformers.Onnx.Inference;
using Providers.SentenceTransformers.Onnx.Loading;
using Providers.SentenceTransformers.Onnx.Tokenization;

namespace Providers.SentenceTransformers.Onnx;

/// <summary>
/// A BERT-family sentence-transformer loaded in-process: its WordPiece tokenizer and one ONNX Runtime session.
/// Thread-safe; share one instance between the sentence and the token generators.
/// </summary>
/// <remarks>Disposing releases the session's native memory; do not dispose while calls are running.</remarks>
public sealed class SentenceTransformerModel : IDisposable
{
    private readonly EncoderSession _session;
    private readonly int _maxBatchSize;
    private readonly int[] _queryPrefix;
    private readonly int[] _documentPrefix;
    private readonly SpecialTokenIds _special;
    private int _disposed;

    /// <summary>Initializes a new instance: reads the tokenizer and loads the graph.</summary>
    /// <param name="options">Which model and how to run it; read once, here.</param>
    /// <param name="logger">Receives which execution provider the graph runs on, and why CPU when CUDA was wanted.</param>
    /// <exception cref="ArgumentException">An option is out of range, or neither or both model sources are set.</exception>
    /// <exception cref="SentenceTransformerModelException">The model's files or resources are missing or unusable.</exception>
    public SentenceTransformerModel(SentenceTransformerOnnxOptions options, ILogger<SentenceTransformerModel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var snapshot = options.Snapshot();
        var files = ModelFiles.Load(snapshot);
        var card = files.Card;

        (Tokenizer, _special) = CreateTokenizer(files, card);
        _session = EncoderSession.Open(files, snapshot, logger ?? (ILogger)NullLogger.Instance);
        _maxBatchSize = snapshot.MaxBatchSize;
        Settings = new SentenceTransformerModelSettings(
            snapshot.ModelId ?? card.ModelId,
            _session.Dimensions,
            snapshot.Pooling ?? card.Pooling,
            snapshot.Normalize ?? card.Normalize,
            snapshot.MaxSequenceLength ?? card.MaxSequenceLength,
            snapshot.Truncate,
            card.LowerCase,
            snapshot.QueryPrefix ?? card.QueryPrefix,
            snapshot.DocumentPrefix ?? card.DocumentPrefix);
        _queryPrefix = [.. Tokenizer.EncodeToIds(Settings.QueryPrefix)];
        _documentPrefix = [.. Tokenizer.EncodeToIds(Settings.DocumentPrefix)];
        int longestPrefix = Math.Max(_queryPrefix.Length, _documentPrefix.Length);
        if (longestPrefix + 2 >= Settings.MaxSequenceLength)
        {
            _session.Dispose();
            throw new ArgumentException(
                $"A prefix of {longestPrefix} tokens leaves no room for text within MaxSequenceLength {Settings.MaxSequenceLength}.", nameof(options));
        }

        DefaultInputType = snapshot.DefaultInputType;
        IncludeSpecialTokens = snapshot.IncludeSpecialTokens;
        NormalizeTokenVectors = snapshot.NormalizeTokenVectors;
        ProviderUri = files.ProviderUri;
    }

    /// <summary>Gets what the model does to a text: id, dimensions, pooling, normalisation, maximum length, prefixes.</summary>
    public SentenceTransformerModelSettings Settings { get; }

    /// <summary>
    /// Gets the model's WordPiece tokenizer, with BERT's text clean-up and word splitting configured as the model was
    /// trained (casing, accents); it adds no special tokens.
    /// </summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>Gets the folder's file URI, or <c>resource://{assembly}/</c> for a packaged model.</summary>
    public Uri ProviderUri { get; }

    internal SentenceInputType DefaultInputType { get; }

    internal bool IncludeSpecialTokens { get; }

    internal bool NormalizeTokenVectors { get; }

    /// <summary>Tokenizes texts as <c>[CLS] prefix text [SEP]</c>, cutting or refusing those over the maximum length.</summary>
    /// <exception cref="ArgumentException">A text is null, or too long while truncation is off.</exception>
    internal EncodedText[] Encode(IReadOnlyList<string> texts, SentenceInputType inputType)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        int[] prefix = inputType == SentenceInputType.Query ? _queryPrefix : _documentPrefix;
        int room = Settings.MaxSequenceLength - 2 - prefix.Length;
        var encoded = new EncodedText[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i] ?? throw new ArgumentException($"Text {i} is null.", "values");
            var ids = Tokenizer.EncodeToIds(text);
            bool truncated = ids.Count > room;
            if (truncated && !Settings.Truncate)
            {
                throw new ArgumentException(
                    $"Text {i} has {ids.Count} tokens; {Settings.ModelId} takes at most {room} with truncation off (MaxSequenceLength {Settings.MaxSequenceLength}).",
                    "values");
            }

            int length = Math.Min(ids.Count, room);
            var sequence = new int[length + prefix.Length + 2];
            sequence[0] = _special.Classification;
            prefix.CopyTo(sequence, 1);
            for (int j = 0; j < length; j++)
            {
                sequence[1 + prefix.Length + j] = ids[j];
            }

            sequence[^1] = _special.Separator;
            encoded[i] = new EncodedText(sequence, prefix.Length, truncated);
        }

        return encoded;
    }

    /// <summary>
    /// Runs the graph over the texts, similar lengths batched together, and hands each text's token vectors
    /// (<c>[tokens × dimensions]</c>, padding excluded) to <paramref name="read"/> with the text's index.
    /// </summary>
    internal void Run(EncodedText[] texts, Action<int, ReadOnlySpan<float>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        int dimensions = Settings.Dimensions;
        var byLength = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Ids.Length);
        foreach (int[] members in byLength.Chunk(_maxBatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = TokenBatch.RightPadded(members.Select(i => texts[i].Ids).ToArray(), _special.Padding);
            _session.Run(batch, output =>
            {
                for (int row = 0; row < members.Length; row++)
                {
                    int index = members[row];
                    read(index, output.Slice(row * batch.Length * dimensions, texts[index].Ids.Length * dimensions));
                }
            }, cancellationToken);
        }
    }

    /// <summary>Releases the session's native memory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Dispose();
        }
    }

    private static (Tokenizer Tokenizer, SpecialTokenIds Special) CreateTokenizer(ModelFiles files, ModelCard card)
    {
        try
        {
            var special = SpecialTokenIds.Find(files.Vocabulary, files.Source);
            using var vocabulary = new MemoryStream(files.Vocabulary, writable: false);

            // Hugging Face's BasicTokenizer strips accents whenever it lower-cases, unless strip_accents says otherwise.
            var tokenizer = WordPieceTokenizer.Create(vocabulary, new WordPieceOptions
            {
                Normalizer = new BertTextNormalizer(card.LowerCase, card.StripAccents ?? card.LowerCase),
                PreTokenizer = BertPreTokenizer.Instance,
                UnknownToken = SpecialTokenIds.UnknownToken,
                ContinuingSubwordPrefix = "##",
                MaxInputCharsPerWord = 100,
            });
            return (tokenizer, special);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new SentenceTransformerModelException(files.Source, $"The vocabulary of '{files.Source}' cannot be read: {e.Message}", e);
        }
    }
}
