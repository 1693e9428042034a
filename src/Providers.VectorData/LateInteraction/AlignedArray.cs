using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A zeroed array whose first element sits on a 64-byte boundary, followed by a zeroed slack that kernels may read past
/// the last element without leaving the allocation; or the same layout in memory someone else owns (a memory-mapped
/// collection file), kept alive by an owner object.
/// </summary>
/// <remarks>
/// The array lives on the pinned object heap, so the alignment computed once stays true: a 512-bit load from an
/// aligned panel row touches one cache line instead of two. The garbage collector still owns the memory, so a reader
/// that holds a document keeps it alive while a writer replaces it.
/// </remarks>
internal readonly unsafe struct AlignedArray<T>
    where T : unmanaged
{
    /// <summary>The boundary the first element sits on, in bytes.</summary>
    public const int Alignment = 64;

    private readonly T[]? _array;
    private readonly int _offset;
    private readonly T* _pointer;

    // Holds the memory a pointer refers to (the mapping of a file) for as long as this array is reachable.
    private readonly object? _owner;

    private AlignedArray(T[] array, int offset, int length)
    {
        _array = array;
        _offset = offset;
        Length = length;
    }

    private AlignedArray(T* pointer, int length, object owner)
    {
        _pointer = pointer;
        _owner = owner;
        Length = length;
    }

    /// <summary>Gets whether the elements live in memory an owner holds (a mapped file) rather than in a managed array.</summary>
    public bool IsExternal => _owner is not null;

    /// <summary>Gets the number of usable elements, slack excluded.</summary>
    public int Length { get; }

    /// <summary>Gets the usable elements.</summary>
    public Span<T> Span => _array is null ? new Span<T>(_pointer, Length) : _array.AsSpan(_offset, Length);

    /// <summary>Gets a reference to the first, aligned element.</summary>
    public ref T First => ref _array is null ? ref Unsafe.AsRef<T>(_pointer) : ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset);

    /// <summary>
    /// Wraps memory that <paramref name="owner"/> keeps valid while it is reachable; the caller guarantees the
    /// alignment and a readable slack after the last element, as <see cref="Allocate"/> does.
    /// </summary>
    public static AlignedArray<T> Over(T* pointer, int length, object owner)
    {
        if ((nuint)pointer % Alignment != 0)
        {
            throw new InvalidDataException($"Packed vectors at address {(nuint)pointer:x} are not aligned on {Alignment} bytes.");
        }

        return new AlignedArray<T>(pointer, length, owner);
    }

    public static AlignedArray<T> Allocate(int length, int slack)
    {
        int perLine = Alignment / sizeof(T);
        var array = GC.AllocateArray<T>(length + slack + perLine, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        int misalignment = (int)(address % Alignment) / sizeof(T);
        int offset = misalignment == 0 ? 0 : perLine - misalignment;
        return new AlignedArray<T>(array, offset, length);
    }
}
