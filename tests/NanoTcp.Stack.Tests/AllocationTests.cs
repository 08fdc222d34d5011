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

        [TestMethod]
        public void ControlTrafficAndBadInput_AllocateZeroBytes()
        {
            // Ping, ARP, SYNs to closed ports, challenge ACKs and every kind of malformed frame: the paths the
            // bulk cycle does not take. Frames are built first; injecting copies them into the preallocated ring.
            var p = new StackPair(11);
            int listener = p.B.Listen(80, 2);
            int a = p.A.Connect(StackPair.IpB, 80, 40000);
            int b = -1;
            Assert.IsTrue(p.RunUntil(() => (b = b >= 0 ? b : p.B.Accept(listener)) >= 0 && p.A.GetState(a) == TcpState.Established, 10_000));
            var info = new TcpConnectionInfo();
            p.B.GetConnectionInfo(b & 0xFF, info);
            byte[] macB = { 2, 0, 0, 0, 0, 0x0B }, macA = { 2, 0, 0, 0, 0, 0x0A };
            var valid = Packets.TcpFrame(macB, macA, StackPair.IpA, StackPair.IpB, 40000, 80, info.ReceiveNext + 0x80000000u, info.SendNext, Packets.Ack, 4096, new byte[] { 1, 2, 3 });
            var random = new Random(7);
            var frames = new System.Collections.Generic.List<byte[]>();
            for (int i = 0; i < 400; i++) frames.Add(BadInputTests.Make(i, random, valid, info));
            frames.Add(Packets.Ethernet(macB, macA, 0x0800, Packets.Ipv4(StackPair.IpA, StackPair.IpB, 1, Packets.IcmpEcho(8, 1, 1, new byte[56]))));
            frames.Add(Packets.Ethernet(Packets.Broadcast, macA, 0x0806, Packets.Arp(1, macA, StackPair.IpA, new byte[6], StackPair.IpB)));
            frames.Add(Packets.TcpFrame(macB, macA, StackPair.IpA, StackPair.IpB, 40001, 81, 5, 0, Packets.Syn, 1000));
            frames.Add(Packets.TcpFrame(macB, macA, StackPair.IpA, StackPair.IpB, 40000, 80, info.ReceiveNext + 10, 0, Packets.Rst, 1000));
            var listenerEcho = new NullEcho();
            p.A.EchoListener = listenerEcho;

            Inject(p, frames);                      // warm-up: JIT and first-use paths
            long before = GC.GetAllocatedBytesForCurrentThread();
            Inject(p, frames);
            p.A.SendEchoRequest(StackPair.IpB, 9, 9, 32);
            for (int i = 0; i < 20; i++) p.Step();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0L, allocated);
            Assert.AreEqual(TcpState.Established, p.B.GetState(b));
            Assert.IsTrue(listenerEcho.Replies >= 1);
        }

        private static void Inject(StackPair p, System.Collections.Generic.List<byte[]> frames)
        {
            for (int i = 0; i < frames.Count; i++)
            {
                byte[] f = frames[i];
                p.WireB.Inbound.Enqueue(f, 0, f.Length > 1514 ? 1514 : f.Length);
                if (p.WireB.Inbound.Count >= 16) p.Step();
            }
            for (int i = 0; i < 20; i++) p.Step();
        }

        private sealed class NullEcho : IEchoReplyListener
        {
            public int Replies;
            public void OnEchoReply(uint fromIp, int identifier, int sequence, int length, long nowMs) => Replies++;
        }
    }
}
