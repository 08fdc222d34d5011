using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;

namespace NanoTcp.Scenarios.Simulation
{
    /// <summary>
    /// Two stacks over an impaired in-memory wire (loss, duplication, reordering, corruption, delay), many seeds:
    /// handshake, bulk both ways (with sequence numbers wrapping past 2^32), close from either side or both at
    /// once; identical bytes, both ends CLOSED after TIME-WAIT, no slot leaked, reproducible from the seed.
    /// </summary>
    [TestClass]
    public sealed class SimulatedNetworkTests
    {
        private enum CloseMode { AFirst, BFirst, Simultaneous }

        private sealed class Outcome
        {
            public long EndTime, AFrames, BFrames, ARetransmissions, BRetransmissions;
            public override string ToString() => $"t={EndTime} framesA={AFrames} framesB={BFrames} rtxA={ARetransmissions} rtxB={BRetransmissions}";
        }

        private static Outcome RunScenario(int seed, CloseMode mode, long bytesAB, long bytesBA, bool wrap, double loss = 0.03)
        {
            var p = new StackPair(seed, c => { c.TimeWaitMs = 4000; c.SendBufferSize = 8192; c.ReceiveBufferSize = 8192; },
                                  wrap ? new FixedIsns(0xFFFFFFFFu - (uint)(seed * 97 % 3000)) : null,
                                  wrap ? new FixedIsns(0xFFFFFFF0u - (uint)(seed * 31 % 5000)) : null);
            p.Impair(loss, 0.02, 0.05, 0.01, delayMs: 1, jitterMs: 3);
            int listener = p.B.Listen(80, 2);
            int a = p.A.Connect(StackPair.IpB, 80);
            int b = -1;
            Assert.IsTrue(p.RunUntil(() => (b = b >= 0 ? b : p.B.Accept(listener)) >= 0 && p.A.GetState(a) == TcpState.Established, 120_000),
                          $"seed {seed}: handshake did not complete: A={p.A.GetState(a)}");

            var ab = new BulkTransfer { ShutdownWhenDone = mode == CloseMode.AFirst };
            var ba = new BulkTransfer { ShutdownWhenDone = mode == CloseMode.BFirst };
            ab.Reset(p.A, a, p.B, b, bytesAB, seed);
            ba.Reset(p.B, b, p.A, a, bytesBA, seed + 7);
            bool shut = false;
            bool ok = p.RunUntil(() =>
            {
                ab.Pump(); ba.Pump();
                if (mode == CloseMode.AFirst && ab.Done && ba.SendDone && !shut) { p.B.Shutdown(b); shut = true; }
                if (mode == CloseMode.BFirst && ba.Done && ab.SendDone && !shut) { p.A.Shutdown(a); shut = true; }
                if (mode == CloseMode.Simultaneous && ab.SendDone && ba.SendDone && ab.Received == bytesAB && ba.Received == bytesBA && !shut)
                {
                    p.A.Shutdown(a); p.B.Shutdown(b); shut = true;
                }
                if (shut) { ab.Pump(); ba.Pump(); }
                return shut && ab.Received == bytesAB && ba.Received == bytesBA && ab.EndOfStream && ba.EndOfStream;
            }, 1_800_000);
            Assert.IsTrue(ok, $"seed {seed} {mode}: transfer incomplete AB {ab.Received}/{bytesAB} BA {ba.Received}/{bytesBA} states A={p.A.GetState(a)} B={p.B.GetState(b)} errA={p.A.GetLastError(a)} errB={p.B.GetLastError(b)} rstA={p.A.Counters.TcpRstSent} rstB={p.B.Counters.TcpRstSent} toA={p.A.Counters.TcpConnectionsTimedOut} toB={p.B.Counters.TcpConnectionsTimedOut}");
            Assert.AreEqual(0, ab.Mismatches, $"seed {seed}: corrupted bytes A->B");
            Assert.AreEqual(0, ba.Mismatches, $"seed {seed}: corrupted bytes B->A");
            Assert.AreEqual(0, p.A.Close(a));
            Assert.AreEqual(0, p.B.Close(b));
            Assert.IsTrue(p.RunUntil(() => p.A.FreeConnectionSlots == p.A.ConnectionSlotCount && p.B.FreeConnectionSlots == p.B.ConnectionSlotCount, 600_000),
                          $"seed {seed} {mode}: slots not freed: A={p.A.GetState(a)} B={p.B.GetState(b)}");
            Assert.AreEqual(TcpState.Closed, p.A.GetState(a));
            Assert.AreEqual(TcpState.Closed, p.B.GetState(b));
            return new Outcome
            {
                EndTime = p.Now, AFrames = p.A.Counters.FramesSent, BFrames = p.B.Counters.FramesSent,
                ARetransmissions = p.A.Counters.TcpRetransmissions, BRetransmissions = p.B.Counters.TcpRetransmissions,
            };
        }

        [TestMethod]
        public void CleanWire_HandshakeTransferClose()
        {
            RunScenario(1, CloseMode.AFirst, 100_000, 50_000, wrap: false, loss: 0);
        }

        [TestMethod]
        public void ImpairedWire_ManySeeds_AllCloseModes()
        {
            for (int seed = 1; seed <= 60; seed++)
            {
                RunScenario(seed, (CloseMode)(seed % 3), 60_000 + seed * 1000, 30_000, wrap: seed % 2 == 0);
            }
        }

        [TestMethod]
        public void ImpairedWire_SequenceWrap_BulkBothWays()
        {
            // ISNs a few bytes below 2^32: both directions wrap during the first segments.
            RunScenario(101, CloseMode.Simultaneous, 300_000, 300_000, wrap: true);
        }

        [TestMethod]
        public void HeavyLoss_StillCompletes()
        {
            RunScenario(202, CloseMode.BFirst, 40_000, 40_000, wrap: false, loss: 0.15);
        }

        [TestMethod]
        public void SameSeed_SameRun()
        {
            string first = RunScenario(77, CloseMode.AFirst, 50_000, 20_000, wrap: true).ToString();
            string second = RunScenario(77, CloseMode.AFirst, 50_000, 20_000, wrap: true).ToString();
            Assert.AreEqual(first, second);
        }

        [TestMethod]
        public void RandomConfigurations_ManySeeds()
        {
            // Buffer sizes from 256 bytes, MSS down to 100, delayed ACK and Nagle on/off, 1–4 reassembly ranges, up to
            // 10 % loss, 30 % reordering, 5 % corruption, 20 ms delay + 20 ms jitter; ISNs anywhere, B's near 2^32.
            var failures = new System.Text.StringBuilder();
            for (int seed = 1; seed <= 80; seed++)
            {
                var rnd = new Random(seed);
                int buffer = new[] { 256, 700, 1500, 4096, 20000 }[rnd.Next(5)];
                int mss = new[] { 100, 536, 1460 }[rnd.Next(3)];
                bool delayedAck = rnd.Next(2) == 0, nagle = rnd.Next(2) == 0;
                int ranges = rnd.Next(1, 5);
                var p = new StackPair(seed, c =>
                {
                    c.TimeWaitMs = 3000; c.SendBufferSize = buffer; c.ReceiveBufferSize = buffer; c.Mss = mss;
                    c.DelayedAck = delayedAck; c.Nagle = nagle; c.OutOfOrderRanges = ranges;
                }, new FixedIsns((uint)rnd.Next() * 2u), new FixedIsns(0xFFFFFFFFu - (uint)rnd.Next(100000)));
                p.Impair(rnd.NextDouble() * 0.1, rnd.NextDouble() * 0.1, rnd.NextDouble() * 0.3, rnd.NextDouble() * 0.05, rnd.Next(0, 20), rnd.Next(0, 20));
                string label = $"seed {seed} buffer={buffer} mss={mss} delayedAck={delayedAck} nagle={nagle} ranges={ranges}";
                int listener = p.B.Listen(80, 2);
                int a = p.A.Connect(StackPair.IpB, 80);
                int b = -1;
                if (!p.RunUntil(() => (b = b >= 0 ? b : p.B.Accept(listener)) >= 0 && p.A.GetState(a) == TcpState.Established, 300_000))
                {
                    failures.AppendLine(label + ": no handshake");
                    continue;
                }
                var ab = new BulkTransfer(); ab.Reset(p.A, a, p.B, b, rnd.Next(0, 60000), seed);
                var ba = new BulkTransfer(); ba.Reset(p.B, b, p.A, a, rnd.Next(0, 60000), seed + 1);
                bool ok = p.RunUntil(() => { ab.Pump(); ba.Pump(); return ab.Done && ba.Done; }, 3_000_000);
                if (!ok || ab.Mismatches + ba.Mismatches > 0)
                {
                    failures.AppendLine($"{label}: transfer ab={ab.Received}/{ab.Total} ba={ba.Received}/{ba.Total} mismatches={ab.Mismatches + ba.Mismatches}");
                    continue;
                }
                p.A.Close(a);
                p.B.Close(b);
                if (!p.RunUntil(() => p.A.FreeConnectionSlots == p.A.ConnectionSlotCount && p.B.FreeConnectionSlots == p.B.ConnectionSlotCount, 3_000_000))
                    failures.AppendLine($"{label}: slot leak A={p.A.GetState(a)} B={p.B.GetState(b)}");
            }
            Assert.AreEqual("", failures.ToString());
        }
    }
}
