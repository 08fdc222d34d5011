using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Robustness
{
    /// <summary>
    /// More than 100,000 random and mutated frames against a stack with an established connection (see
    /// <see cref="BadFrames"/>): nothing throws, the drop counters rise, and the connection still transfers.
    /// </summary>
    [TestClass]
    public sealed class BadInputTests
    {
        private const int Frames = 120_000;

        [TestMethod]
        public void HundredThousandBadFrames_NoException_CountersRise_ConnectionSurvives()
        {
            var p = new StackPair(9);
            int listener = p.B.Listen(80, 2);
            p.B.Listen(23, 2);
            int a = p.A.Connect(StackPair.IpB, 80, 40000);
            int b = -1;
            Assert.IsTrue(p.RunUntil(() => (b = b >= 0 ? b : p.B.Accept(listener)) >= 0 && p.A.GetState(a) == TcpState.Established, 10_000));
            TcpConnectionInfo info = Introspection.Connection(p.B, b) ?? default;

            var random = new Random(12345);
            // The template is the real 4-tuple but half the sequence space away: a mutation that happens to restore a
            // valid frame must not count as genuine data.
            byte[] valid = BadFrames.Tcp(StackPair.IpA, 40000, 80, info.ReceiveNext + 0x80000000u, info.SendNext, Flags.Ack, 4096, new byte[] { 1, 2, 3 });
            long dropsBefore = p.B.Counters.TotalDrops;
            for (int i = 0; i < Frames; i++)
            {
                byte[] frame = BadFrames.Make(i, random, valid, info.ReceiveNext);
                p.InjectToB(frame, Math.Min(frame.Length, 1514));
                if (p.PendingAtB >= 16) Drain(p);
            }
            Drain(p);
            long drops = p.B.Counters.TotalDrops - dropsBefore;
            Assert.IsGreaterThan(Frames / 2, drops, "drops counted");
            Assert.IsGreaterThan(1000, p.B.Counters.ChecksumErrors);
            Assert.IsGreaterThan(100, p.B.Counters.Drops(DropReason.TcpMalformed));
            Assert.IsGreaterThan(100, p.B.Counters.Drops(DropReason.IpMalformed));
            Assert.IsGreaterThan(100, p.B.Counters.Drops(DropReason.TcpInvalid));
            Assert.AreEqual(TcpState.Established, p.B.GetState(b));
            Assert.AreEqual(TcpState.Established, p.A.GetState(a));

            var ab = new BulkTransfer(); ab.Reset(p.A, a, p.B, b, 200_000, 5);
            var ba = new BulkTransfer(); ba.Reset(p.B, b, p.A, a, 200_000, 6);
            Assert.IsTrue(p.RunUntil(() => { ab.Pump(); ba.Pump(); return ab.Done && ba.Done; }, 600_000));
            Assert.AreEqual(0, ab.Mismatches + ba.Mismatches);
            // Half-open junk is bounded by the backlogs and gives up after its SYN+ACK retries: nothing leaks.
            p.RunFor(200_000);
            Assert.AreEqual(p.B.ConnectionSlotCount - 1, p.B.FreeConnectionSlots, "only the application's own (closed) connection is left");
        }

        private static void Drain(StackPair p)
        {
            for (int k = 0; k < 8 && p.PendingAtB > 0; k++)
            {
                p.LinkB.NowMs = p.Now;
                p.B.Poll(p.Now);
            }
            p.DiscardPendingAtA(); // replies to forged frames are not interesting
            p.Now += 1;
        }
    }
}
