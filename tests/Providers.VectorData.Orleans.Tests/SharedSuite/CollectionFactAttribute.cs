namespace Providers.VectorData.Tests;

/// <summary>A test of the shared collection suites; on Orleans it needs PostgreSQL and says how to install it when missing.</summary>
public sealed class CollectionFactAttribute : FactAttribute
{
    public CollectionFactAttribute()
    {
        Skip = Orleans.Tests.PostgresServer.SkipReason;
    }
}

/// <summary>A theory of the shared collection suites; on Orleans it needs PostgreSQL.</summary>
public sealed class CollectionTheoryAttribute : TheoryAttribute
{
    public CollectionTheoryAttribute()
    {
        Skip = Orleans.Tests.PostgresServer.SkipReason;
    }
}
