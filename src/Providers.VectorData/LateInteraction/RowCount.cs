namespace Providers.VectorData.LateInteraction;

/// <summary>
/// How many query rows of a micro-tile are live, as a type: the kernels are generic over it, so the JIT compiles one
/// copy per count with the dead rows' instructions removed, and the last block of a query costs only its own rows
/// (32 tokens are 12 + 12 + 8, not three blocks of 12).
/// </summary>
internal interface IRowCount
{
    static abstract int Count { get; }
}

internal readonly struct TwoRows : IRowCount
{
    public static int Count => 2;
}

internal readonly struct FourRows : IRowCount
{
    public static int Count => 4;
}

internal readonly struct SixRows : IRowCount
{
    public static int Count => 6;
}

internal readonly struct EightRows : IRowCount
{
    public static int Count => 8;
}

internal readonly struct TwelveRows : IRowCount
{
    public static int Count => 12;
}
