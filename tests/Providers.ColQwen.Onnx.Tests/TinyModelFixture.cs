namespace Providers.ColQwen.Onnx.Tests;

/// <summary>One tiny model shared by the tests that only read from it (loading costs more than running).</summary>
public sealed class TinyModelFixture : IDisposable
{
    public TinyModelFixture()
    {
        Model = new ColQwenOnnxModel(Fixtures.TinyOptions());
        Pages = new ColQwenOnnxPageEmbeddingGenerator(Model);
        Queries = new ColQwenOnnxQueryEmbeddingGenerator(Model);
    }

    public ColQwenOnnxModel Model { get; }

    public ColQwenOnnxPageEmbeddingGenerator Pages { get; }

    public ColQwenOnnxQueryEmbeddingGenerator Queries { get; }

    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "tiny model";
}
