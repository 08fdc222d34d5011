using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Stack.Tests.Infrastructure;

namespace NanoTcp.Stack.Tests
{
    /// <summary>
    /// The whole life of a connection allocates nothing once the stack is built: ARP resolution, connect,
    /// 1 MB each way, close, TIME-WAIT expiry, listen/accept/close (tracer off).
    /// </summary>
    [TestClass]
    public sealed class AllocationTests
    {
        private const int ArpTimeoutMs = 5_000;

        [TestMethod]
        public void WarmCycle_AllocatesZeroBytes()
        {
            var p = new StackPair(5, c => { c.TimeWaitMs = 2_000; c.ArpEntryTimeoutMs = ArpTimeoutMs; c.SendBufferSize = 8192; c.ReceiveBufferSize = 8192; });
            p.Impair(0.01, 0.01, 0.02, 0.005, delayMs: 1, jitterMs: 2);
            var ab = new BulkTransfer();
            var ba = new BulkTransfer();
            long arpBefore = p.A.Counters.ArpRequestsSent;

            Assert.IsTrue(Cycle(p, ab, ba), "warm-up cycle failed");
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool ok = Cycle(p, ab, ba);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.IsTrue(ok, "measured cycle failed");
            Assert.AreEqual(0, ab.Mismatches + ba.Mismatches);
            Assert.IsTrue(p.A.Counters.ArpRequestsSent - arpBefore >= 2, "each cycle resolved the peer again");
            Assert.AreEqual(0L, allocated, "bytes allocated during a warm connection cycle");
        }

        /// <summary>One connection lifetime; returns false on any failure (no assertion inside: messages allocate).</summary>
        private static bool Cycle(StackPair p, BulkTransfer ab, BulkTransfer ba)
        {
            int listener = p.B.Listen(80, 2);
            int a = p.A.Connect(StackPair.IpB, 80);
            if (listener < 0 || a < 0) return false;
            int b = -1;
            for (int i = 0; i < 100_000 && (b < 0 || p.A.GetState(a) != TcpState.Established); i++)
            {
                p.Step();
                if (b < 0) b = p.B.Accept(listener);
            }
            if (b < 0) return false;
            ab.Reset(p.A, a, p.B, b, 1 << 20, 3);
            ba.Reset(p.B, b, p.A, a, 1 << 20, 4);
            for (int i = 0; i < 5_000_000 && !(ab.Done && ba.Done); i++)
            {
                ab.Pump();
                ba.Pump();
                p.Step();
            }
            if (!ab.Done || !ba.Done) return false;
            p.A.Close(a);
            p.B.Close(b);
            p.B.CloseListener(listener);
            for (int i = 0; i < 1_000_000 && (p.A.FreeConnectionSlots != p.A.ConnectionSlotCount || p.B.FreeConnectionSlots != p.B.ConnectionSlotCount); i++) p.Step();
            if (p.A.FreeConnectionSlots != p.A.ConnectionSlotCount || p.B.FreeConnectionSlots != p.B.ConnectionSlotCount) return false;
            // Let the ARP entries expire so the next cycle resolves again.
            long until = p.Now + ArpTimeoutMs + 1;
            while (p.Now < until) { p.Step(); if (p.Now < until) p.Now = until; }
            return true;
        }
    }
}
