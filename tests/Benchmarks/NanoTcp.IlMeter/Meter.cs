using System.Collections.Generic;

namespace NanoTcp.IlMeter
{
    /// <summary>
    /// The counters the rewritten assemblies call at the start of every basic block (<see cref="Block"/>). Each
    /// call adds what the block will cost on nanoCLR: IL instructions, calls into native methods and heap
    /// allocations. Per-method IL is kept too, so a figure can be traced to where it is spent.
    /// </summary>
    public static class Meter
    {
        private static long[] _methodIl = new long[0];

        /// <summary>IL instructions executed since <see cref="Reset"/>.</summary>
        public static long Il;

        /// <summary>Calls into methods that are native in nanoFramework's mscorlib.</summary>
        public static long Native;

        /// <summary>Heap allocations nanoCLR would make.</summary>
        public static long Alloc;

        /// <summary>Calls out of the metered assemblies into managed (non-native) library code, not counted in <see cref="Il"/>.</summary>
        public static long External;

        /// <summary>Names of the metered methods, indexed by the id the rewriter gave them.</summary>
        public static readonly List<string> MethodNames = new List<string>();

        /// <summary>Called by the rewritten code at the start of each basic block.</summary>
        public static void Block(int il, int native, int alloc, int external, int method)
        {
            Il += il;
            Native += native;
            Alloc += alloc;
            External += external;
            if (method >= _methodIl.Length)
            {
                var grown = new long[MethodNames.Count + 1];
                System.Array.Copy(_methodIl, grown, _methodIl.Length);
                _methodIl = grown;
            }
            _methodIl[method] += il;
        }

        /// <summary>Zeroes every counter.</summary>
        public static void Reset()
        {
            Il = Native = Alloc = External = 0;
            System.Array.Clear(_methodIl, 0, _methodIl.Length);
        }

        /// <summary>A copy of the counters.</summary>
        public static Reading Read()
        {
            return new Reading(Il, Native, Alloc, External, (long[])_methodIl.Clone());
        }

        /// <summary>IL executed in methods whose name contains <paramref name="fragment"/>.</summary>
        public static long IlIn(Reading reading, string fragment)
        {
            long total = 0;
            for (int i = 0; i < reading.MethodIl.Length && i < MethodNames.Count; i++)
            {
                if (MethodNames[i].Contains(fragment)) total += reading.MethodIl[i];
            }
            return total;
        }
    }

    /// <summary>A snapshot of <see cref="Meter"/>.</summary>
    public sealed class Reading
    {
        public Reading(long il, long native, long alloc, long external, long[] methodIl)
        {
            Il = il;
            Native = native;
            Alloc = alloc;
            External = external;
            MethodIl = methodIl;
        }

        public long Il { get; }
        public long Native { get; }
        public long Alloc { get; }
        public long External { get; }
        public long[] MethodIl { get; }
    }
}
