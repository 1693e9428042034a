namespace Providers.Samples.Rag;

/// <summary>The RAG sample's command line.</summary>
internal sealed record RagArguments(string Question, string OutputDirectory, bool Help, bool Evaluate)
{
    public const string Usage = """
        Usage: dotnet run --project samples/Rag -- [question] [--output DIR] [--evaluate] [--help]

          question      what to ask (default: "Where did Gutenberg build his printing press?")
          --output DIR  where the heat map is written (default: $RAG_OUTPUT_DIR, else rag-output)
          --evaluate    ask the bundled evaluation questions; print top-1 accuracy, MRR and how the answers came out
          --help, -h    print this text

        Environment: COLQWEN_URL (page embeddings), SCIBOX_URL and SCIBOX_API_KEY (chat); unset, the in-process
        emulator answers. Passages are always embedded locally with all-MiniLM-L6-v2 on ONNX Runtime.
        """;

    /// <exception cref="ArgumentException">An option is unknown or lacks its value.</exception>
    public static RagArguments Parse(string[] args, string? outputVariable)
    {
        string? question = null;
        string outputDirectory = outputVariable ?? "rag-output";
        bool help = false, evaluate = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                case "--evaluate":
                    evaluate = true;
                    break;
                case "--output" when i + 1 < args.Length:
                    outputDirectory = args[++i];
                    break;
                case "--output":
                    throw new ArgumentException("--output needs a folder after it.");
                case { } option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new ArgumentException($"unknown option '{option}' (see --help).");
                default:
                    question = question is null ? args[i] : $"{question} {args[i]}";
                    break;
            }
        }

        return new RagArguments(question ?? RagSample.DefaultQuestion, outputDirectory, help, evaluate);
    }
}
