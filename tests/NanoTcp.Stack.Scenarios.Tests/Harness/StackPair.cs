using System;
using NanoTcp.Portable.Tests;

namespace NanoTcp.Scenarios.Harness
{
    /// <summary>
    /// Two nanoTcp stacks (A = 192.0.2.1, B = 192.0.2.2) joined by a <see cref="CrossoverCable"/>, each end behind
    /// an <see cref="ImpairedLink"/> that impairs what it transmits, driven in virtual time. Allocation-free once
    /// built, so the allocation tests and the benchmarks can run on it.
    /// </summary>
    public sealed class StackPair
    {
        /// <summary>A's address.</summary>
        public static readonly uint IpA = Ip4.Address(192, 0, 2, 1);
        /// <summary>B's address.</summary>
        public static readonly uint IpB = Ip4.Address(192, 0, 2, 2);
        /// <summary>A's MAC address.</summary>
        public static readonly byte[] MacA = { 0x02, 0, 0, 0, 0, 0x0A };
        /// <summary>B's MAC address.</summary>
        public static readonly byte[] MacB = { 0x02, 0, 0, 0, 0, 0x0B };

        /// <summary>The wire: A owns <c>EndA</c>, B owns <c>EndB</c>.</summary>
        public readonly CrossoverCable Cable = new CrossoverCable(512, 1514);
        /// <summary>A's link (impairs A's transmissions).</summary>
        public readonly ImpairedLink LinkA;
        /// <summary>B's link (impairs B's transmissions).</summary>
        public readonly ImpairedLink LinkB;
        /// <summary>The stack at 192.0.2.1.</summary>
        public readonly NetworkStack A;
        /// <summary>The stack at 192.0.2.2.</summary>
        public readonly NetworkStack B;
        /// <summary>Virtual time in ms.</summary>
        public long Now;
        private readonly byte[] _scratch = new byte[1514];
        private long _nextA, _nextB;

        /// <summary>Builds both stacks; <paramref name="configure"/> adjusts both configurations.</summary>
        public StackPair(int seed = 1, Action<StackConfig> configure = null, IInitialSequenceNumbers isnA = null, IInitialSequenceNumbers isnB = null)
        {
            LinkA = new ImpairedLink(Cable.EndA, seed * 2 + 1, 64, 1514) { ImpairReceive = false };
            LinkB = new ImpairedLink(Cable.EndB, seed * 2 + 2, 64, 1514) { ImpairReceive = false };
            A = new NetworkStack(Config(IpA, MacA, isnA, configure), LinkA);
            B = new NetworkStack(Config(IpB, MacB, isnB, configure), LinkB);
            Now = 1000;
        }

        private static StackConfig Config(uint ip, byte[] mac, IInitialSequenceNumbers isn, Action<StackConfig> configure)
        {
            var c = new StackConfig
            {
                MacAddress = (byte[])mac.Clone(),
                IpAddress = ip,
                SubnetMask = Ip4.Address(255, 255, 255, 0),
                Gateway = 0,
                IsnSecret = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, (byte)ip },
                IsnSource = isn,
            };
            configure?.Invoke(c);
            return c;
        }

        /// <summary>Frames waiting for A to receive.</summary>
        public int PendingAtA => Cable.EndA.Pending;

        /// <summary>Frames waiting for B to receive.</summary>
        public int PendingAtB => Cable.EndB.Pending;

        /// <summary>Puts a forged frame on the wire towards B, past A's impairment; false when B's queue is full.</summary>
        public bool InjectToB(byte[] frame, int length) => Cable.EndA.Transmit(frame, 0, length);

        /// <summary>Drops every frame waiting for A (replies to forged frames).</summary>
        public void DiscardPendingAtA()
        {
            while (Cable.EndA.Receive(_scratch, 0, _scratch.Length) > 0) { }
        }

        /// <summary>Sets the impairments of both directions.</summary>
        public void Impair(double loss, double dup, double reorder, double corrupt, int delayMs = 1, int jitterMs = 0)
        {
            Impair(LinkA, loss, dup, reorder, corrupt, delayMs, jitterMs);
            Impair(LinkB, loss, dup, reorder, corrupt, delayMs, jitterMs);
        }

        private static void Impair(ImpairedLink l, double loss, double dup, double reorder, double corrupt, int delayMs, int jitterMs)
        {
            l.LossRate = loss; l.DuplicateRate = dup; l.ReorderRate = reorder; l.CorruptRate = corrupt;
            l.DelayMs = delayMs; l.JitterMs = jitterMs;
        }

        /// <summary>One step: poll both stacks at <see cref="Now"/>, then advance time to the next event.</summary>
        public void Step()
        {
            LinkA.NowMs = Now;
            LinkB.NowMs = Now;
            _nextA = A.Poll(Now);
            _nextB = B.Poll(Now);
            if (PendingAtA > 0 || PendingAtB > 0) return; // deliver in the same instant
            long next = Math.Min(Math.Min(_nextA, _nextB), Math.Min(LinkA.NextReleaseMs, LinkB.NextReleaseMs));
            if (next == long.MaxValue) next = Now + 1000;
            if (next > Now) Now = next;
        }

        /// <summary>Steps until <paramref name="done"/> holds or <paramref name="maxVirtualMs"/> pass; returns whether it held.</summary>
        public bool RunUntil(Func<bool> done, long maxVirtualMs = 600_000, int maxSteps = 5_000_000)
        {
            long end = Now + maxVirtualMs;
            for (int i = 0; i < maxSteps && Now <= end; i++)
            {
                if (done()) return true;
                Step();
                if (i % 64 == 63 && PendingAtA == 0 && PendingAtB == 0 && _nextA <= Now && _nextB <= Now) Now++;
            }
            return done();
        }

        /// <summary>Runs for a span of virtual time.</summary>
        public void RunFor(long ms)
        {
            long end = Now + ms;
            RunUntil(() => Now >= end, ms + 1);
        }
    }
}
