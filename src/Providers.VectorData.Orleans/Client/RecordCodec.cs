using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData.ProviderServices;
using Providers.Core;
using Providers.VectorData.LateInteraction;
using Providers.VectorData.Model;
using Providers.VectorData.Orleans.Wire;
using Distance = Microsoft.Extensions.VectorData.DistanceFunction;

namespace Providers.VectorData.Orleans.Client;

/// <summary>Turns the caller's records into <see cref="ShardRecord"/>s and back, checking vectors as the single-machine store does.</summary>
[RequiresUnreferencedCode("Records are mapped and serialized by reflection.")]
[RequiresDynamicCode("Records are mapped and serialized by reflection.")]
internal sealed class RecordCodec<TRecord>(CollectionModel model)
    where TRecord : class
{
    private readonly (string Name, Type Type)[] _data = model.DataProperties.Select(p => (p.ModelName, p.Type)).ToArray();

    public static ShardSchema Schema(CollectionModel model, int shardCount, MultiVectorIndexOptions index) => new()
    {
        Key = new ShardProperty(model.KeyProperty.ModelName, ShardJson.TypeName(model.KeyProperty.Type)),
        Data = model.DataProperties.Select(p => new ShardProperty(p.ModelName, ShardJson.TypeName(p.Type))).ToArray(),
        Vectors = model.VectorProperties.Select(p => new ShardVectorProperty(
            p.ModelName, RecordIntake.IsMultiVector(p), p.Dimensions, p.IndexKind, p.DistanceFunction)).ToArray(),
        ShardCount = shardCount,
        RescoreCount = index.RescoreCount,
        TokenPoolFactor = index.TokenPoolFactor,
        MaxDegreeOfParallelism = index.MaxDegreeOfParallelism,
        RescorePrecision = index.RescorePrecision,
        CandidateCount = index.CandidateCount,
    };

    /// <summary>Gets whether a larger score is a closer match for the property's distance function.</summary>
    public static bool HigherIsBetter(VectorPropertyModel property)
        => RecordIntake.IsMultiVector(property) || (property.DistanceFunction ?? Distance.CosineSimilarity) is Distance.CosineSimilarity or Distance.DotProductSimilarity;

    public string Key(object key) => ShardJson.Serialize(key, model.KeyProperty.Type);

    /// <summary>Encodes record <paramref name="index"/> of a batch; <paramref name="generated"/> holds, per vector property, the batch's generated embeddings, or null where the record holds its vector.</summary>
    public ShardRecord Encode(TRecord record, object key, long sequence, Embedding[]?[] generated, int index) => new()
    {
        Key = Key(key),
        Sequence = sequence,
        Data = ShardJson.SerializeObject(model.DataProperties.Select(p => (p.ModelName, p.GetValueAsObject(record), p.Type))),
        Vectors = model.VectorProperties.Select((p, ordinal) =>
            EncodeVector(p, key, generated[ordinal] is { } embeddings ? embeddings[index] : p.GetValueAsObject(record))).ToArray(),
    };

    public TRecord Decode(ShardRecord stored, bool includeVectors)
    {
        var record = model.CreateRecord<TRecord>();
        model.KeyProperty.SetValueAsObject(record, ShardJson.Deserialize(stored.Key, model.KeyProperty.Type));
        var byName = model.DataProperties.ToDictionary(p => p.ModelName, StringComparer.Ordinal);
        ShardJson.DeserializeObject(stored.Data, _data, (name, value) => byName[name].SetValueAsObject(record, value));
        if (includeVectors)
        {
            for (int i = 0; i < model.VectorProperties.Count; i++)
            {
                var property = model.VectorProperties[i];
                if (!RecordIntake.IsGenerated(property) && stored.Vectors[i] is { } vector)
                {
                    property.SetValueAsObject(record, ToPropertyValue(property.Type, vector));
                }
            }
        }

        return record;
    }

    /// <summary>Checks a search value for a vector property and returns it as a query.</summary>
    public static ShardVector Query(VectorPropertyModel property, object value)
        => EncodeVector(property, null, value) ?? throw new ArgumentNullException(nameof(value));

    public static ShardVector ToShardVector(MultiVectorEmbedding embedding) => new()
    {
        Values = embedding.Vectors.ToArray(),
        TokenDimensions = embedding.Dimensions,
        ModelId = embedding.ModelId,
        CreatedAt = embedding.CreatedAt,
        ImagePatches = embedding.ImagePatches is { } p ? [p.Start, p.Length, p.GridWidth, p.GridHeight] : null,
    };

    private static ShardVector? EncodeVector(VectorPropertyModel property, object? key, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (RecordIntake.IsMultiVector(property))
        {
            if (value is not MultiVectorEmbedding embedding)
            {
                throw Invalid(property, key, $"is a {value.GetType().Name}, not a {nameof(MultiVectorEmbedding)}.");
            }

            if (embedding.Dimensions != property.Dimensions)
            {
                throw Invalid(property, key, $"has {embedding.Dimensions}-dimensional token vectors; the property declares {property.Dimensions}.");
            }

            return TokenVectors.FindProblem(embedding.Vectors.Span, embedding.Dimensions) is { } problem
                ? throw Invalid(property, key, $"is unusable: {problem}")
                : ToShardVector(embedding);
        }

        ReadOnlyMemory<float> vector = value switch
        {
            ReadOnlyMemory<float> memory => memory,
            float[] array => array,
            Embedding<float> single => single.Vector,
            _ => throw Invalid(property, key, $"is a {value.GetType().Name}, not a single vector."),
        };

        string distance = property.DistanceFunction ?? Distance.CosineSimilarity;
        return vector.Length != property.Dimensions ? throw Invalid(property, key, $"has {vector.Length} dimensions; the property declares {property.Dimensions}.")
            : !TensorPrimitives.IsFiniteAll(vector.Span) ? throw Invalid(property, key, "holds NaN or an infinity.")
            : distance is Distance.CosineSimilarity or Distance.CosineDistance && TensorPrimitives.IsZeroAll(vector.Span)
                ? throw Invalid(property, key, $"is all zeros, which has no {distance}.")
            : new ShardVector { Values = vector.ToArray() };
    }

    private static object ToPropertyValue(Type type, ShardVector vector)
        => vector.TokenDimensions > 0 ? new MultiVectorEmbedding(vector.Values, vector.TokenDimensions)
        {
            ModelId = vector.ModelId,
            CreatedAt = vector.CreatedAt,
            ImagePatches = vector.ImagePatches is [var start, var length, var width, var height] ? new ImagePatchLayout(start, length, width, height) : null,
        }
        : type == typeof(float[]) ? vector.Values
        : type == typeof(Embedding<float>) ? new Embedding<float>(vector.Values)
        : new ReadOnlyMemory<float>(vector.Values);

    private static Exception Invalid(VectorPropertyModel property, object? key, string problem)
        => key is null ? new ArgumentException($"The search vector {problem}", "searchValue")
            : RecordIntake.IsGenerated(property) ? new InvalidOperationException($"The embedding generator of property '{property.ModelName}' returned, for record '{key}', a vector that {problem}")
            : new ArgumentException($"Record '{key}': the value of vector property '{property.ModelName}' {problem}", "records");
}
