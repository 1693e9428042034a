using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A zeroed array whose first element sits on a 64-byte boundary, followed by a zeroed slack that kernels may read past
/// the last element without leaving the allocation.
/// </summary>
/// <remarks>
/// The array lives on the pinned object heap, so the alignment computed once stays true: a 512-bit load from an
/// aligned panel row touches one cache line instead of two. The garbage collector still owns the memory, so a reader
/// that holds a document keeps it alive while a writer replaces it.
/// </remarks>
internal readonly struct AlignedArray<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    private readonly T[] _array;
    private readonly int _offset;

    private AlignedArray(T[] array, int offset, int length)
    {
        _array = array;
        _offset = offset;
        Length = length;
    }

    /// <summary>Gets the number of usable elements, slack excluded.</summary>
    public int Length { get; }

    /// <summary>Gets the usable elements.</summary>
    public Span<T> Span => _array.AsSpan(_offset, Length);

    /// <summary>Gets a reference to the first, aligned element.</summary>
    public ref T First => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset);

    public static unsafe AlignedArray<T> Allocate(int length, int slack)
    {
        int perLine = Alignment / sizeof(T);
        var array = GC.AllocateArray<T>(length + slack + perLine, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        int misalignment = (int)(address % Alignment) / sizeof(T);
        int offset = misalignment == 0 ? 0 : perLine - misalignment;
        return new AlignedArray<T>(array, offset, length);
    }
}
