using System;

namespace NanoTcp.Stack.Tests.Infrastructure
{
    /// <summary>
    /// Two nanoTcp stacks (A = 192.0.2.1, B = 192.0.2.2) over an in-memory wire, each behind an
    /// <see cref="ImpairedLink"/>, driven in virtual time. Allocation-free once built.
    /// </summary>
    public sealed class StackPair
    {
        public static readonly uint IpA = Ip4.Address(192, 0, 2, 1);
        public static readonly uint IpB = Ip4.Address(192, 0, 2, 2);

        public readonly WireEnd WireA = new WireEnd();
        public readonly WireEnd WireB = new WireEnd();
        public readonly ImpairedLink LinkA;
        public readonly ImpairedLink LinkB;
        public readonly NetworkStack A;
        public readonly NetworkStack B;
        public long Now;
        private long _nextA, _nextB;

        public StackPair(int seed = 1, Action<StackConfig> configure = null, IInitialSequenceNumbers isnA = null, IInitialSequenceNumbers isnB = null)
        {
            WireEnd.Connect(WireA, WireB);
            LinkA = new ImpairedLink(WireA, seed * 2 + 1, 64, 1514) { ImpairReceive = false };
            LinkB = new ImpairedLink(WireB, seed * 2 + 2, 64, 1514) { ImpairReceive = false };
            A = new NetworkStack(Config(IpA, 0x0A, isnA, configure), LinkA);
            B = new NetworkStack(Config(IpB, 0x0B, isnB, configure), LinkB);
            Now = 1000;
        }

        private static StackConfig Config(uint ip, byte macLast, IInitialSequenceNumbers isn, Action<StackConfig> configure)
        {
            var c = new StackConfig
            {
                MacAddress = new byte[] { 0x02, 0, 0, 0, 0, macLast },
                IpAddress = ip,
                SubnetMask = Ip4.Address(255, 255, 255, 0),
                Gateway = 0,
                IsnSecret = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, (byte)ip },
                IsnSource = isn,
            };
            configure?.Invoke(c);
            return c;
        }

        /// <summary>Sets the impairments of both directions.</summary>
        public void Impair(double loss, double dup, double reorder, double corrupt, int delayMs = 1, int jitterMs = 0)
        {
            foreach (var l in new[] { LinkA, LinkB })
            {
                l.LossRate = loss; l.DuplicateRate = dup; l.ReorderRate = reorder; l.CorruptRate = corrupt;
                l.DelayMs = delayMs; l.JitterMs = jitterMs;
            }
        }

        /// <summary>One step: poll both stacks at <see cref="Now"/>, then advance time to the next event.</summary>
        public void Step()
        {
            LinkA.NowMs = Now;
            LinkB.NowMs = Now;
            _nextA = A.Poll(Now);
            _nextB = B.Poll(Now);
            if (WireA.Inbound.Count > 0 || WireB.Inbound.Count > 0) return; // deliver in the same instant
            long next = Math.Min(Math.Min(_nextA, _nextB), Math.Min(LinkA.NextReleaseMs, LinkB.NextReleaseMs));
            if (next == long.MaxValue) next = Now + 1000;
            if (next <= Now) next = Now + 0; else Now = next;
        }

        /// <summary>Steps until <paramref name="done"/> holds or <paramref name="maxVirtualMs"/> pass; returns whether it held.</summary>
        public bool RunUntil(Func<bool> done, long maxVirtualMs = 600_000, int maxSteps = 5_000_000)
        {
            long end = Now + maxVirtualMs;
            for (int i = 0; i < maxSteps && Now <= end; i++)
            {
                if (done()) return true;
                Step();
                if (i % 64 == 63 && WireA.Inbound.Count == 0 && WireB.Inbound.Count == 0 && _nextA <= Now && _nextB <= Now) Now++;
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
