using System;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>Reproducible test data: the same seed gives the same bytes on both sides of a connection.</summary>
    public static class Pattern
    {
        /// <summary>Returns <paramref name="length"/> pseudo-random bytes from <paramref name="seed"/>.</summary>
        public static byte[] Bytes(int length, int seed)
        {
            var b = new byte[length];
            new Random(seed).NextBytes(b);
            return b;
        }

        /// <summary>Index of the first byte where the two ranges differ, or -1 when equal.</summary>
        public static int FirstDifference(byte[] a, byte[] b, int length)
        {
            for (int i = 0; i < length; i++)
                if (a[i] != b[i]) return i;
            return -1;
        }
    }
}
