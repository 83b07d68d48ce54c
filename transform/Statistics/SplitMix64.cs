using System.Runtime.Intrinsics;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): small, fast, and the same on every platform and .NET version. The k-th
/// draw mixes <c>seed + k·γ</c>, so draws do not depend on one another: <see cref="Fill"/> computes eight at a time in
/// one 512-bit vector where the hardware has them (with 256-bit vectors the 64-bit multiplies are emulated, so one at
/// a time there), and gives exactly what <see cref="Below"/> would have given one by one.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Mix2 = 0x94D049BB133111EBUL;
    private ulong _state = seed;

    /// <summary>The next draw in [0, n).</summary>
    public int Below(int n)
    {
        _state += Gamma;
        var z = _state;
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        z ^= z >> 31;
        return (int)(((z >> 32) * (ulong)n) >> 32); // Lemire's multiply-shift: n·u/2³² without a division
    }

    /// <summary>The next <c>draws.Length</c> draws in [0, n), in order.</summary>
    public void Fill(Span<int> draws, int n)
    {
        var done = Vector512.IsHardwareAccelerated ? Fill512(draws, n) : 0;
        FillScalar(draws[done..], n);
    }

    /// <summary>One draw at a time (the reference the vector paths are tested against).</summary>
    internal void FillScalar(Span<int> draws, int n)
    {
        for (var i = 0; i < draws.Length; i++)
        {
            draws[i] = Below(n);
        }
    }

    /// <summary>Sixteen draws a step, as two vectors of eight; returns how many it filled (a multiple of 16).</summary>
    internal int Fill512(Span<int> draws, int n)
    {
        var filled = draws.Length / 16 * 16;
        if (filled == 0)
        {
            return 0;
        }

        var low = Vector512.Create(_state) + (Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8) * Gamma);
        var high = low + Vector512.Create(unchecked(8 * Gamma));
        var step = Vector512.Create(unchecked(16 * Gamma));
        var bound = Vector512.Create((ulong)n);
        for (var i = 0; i < filled; i += 16)
        {
            Vector512.Narrow(Scale(Mix(low), bound), Scale(Mix(high), bound)).AsInt32().CopyTo(draws[i..]);
            low += step;
            high += step;
        }

        _state += (ulong)filled * Gamma;
        return filled;

        static Vector512<ulong> Mix(Vector512<ulong> z)
        {
            z = (z ^ (z >>> 30)) * Mix1;
            z = (z ^ (z >>> 27)) * Mix2;
            return z ^ (z >>> 31);
        }

        static Vector512<ulong> Scale(Vector512<ulong> z, Vector512<ulong> n) => ((z >>> 32) * n) >>> 32;
    }
}
