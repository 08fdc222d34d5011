using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Stack.Tests.Infrastructure;

namespace NanoTcp.Stack.Tests
{
    /// <summary>Retransmission, persist, keepalive, TIME-WAIT and FIN-WAIT-2 timers, in virtual time.</summary>
    [TestClass]
    public sealed class TimerTests
    {
        [TestMethod]
        public void Syn_RetransmittedWithDoublingRto_ThenConnectTimesOut()
        {
            var p = new ScriptedPeer(c => c.IsnSource = new FixedIsn(77));
            int c = p.Stack.Connect(ScriptedPeer.PeerIp, 80, 50000);
            long start = p.Now;
            p.Poll();
            Assert.AreEqual(Packets.Syn, p.Sent().Single().Flags);
            var times = new System.Collections.Generic.List<long>();
            for (int i = 0; i < 12 && p.Stack.GetState(c) == TcpState.SynSent; i++)
            {
                p.Now = p.Stack.Poll(p.Now);
                p.Poll();
                var sent = p.Sent();
                if (sent.Count == 1) { Assert.AreEqual(77u, sent[0].Seq); times.Add(p.Now - start); }
            }
            CollectionAssert.AreEqual(new long[] { 1000, 3000, 7000, 15000, 31000, 63000, 123000 }, times.ToArray(), "doubling, capped at 60 s");
            Assert.AreEqual(TcpState.Closed, p.Stack.GetState(c));
            Assert.AreEqual(TcpError.TimedOut, p.Stack.GetLastError(c));
            Assert.AreEqual(183_000, p.Now - start, "gave up one RTO after the last SYN: at least 3 minutes (MUST-23)");
            Assert.AreEqual(0, p.Stack.Close(c));
            Assert.AreEqual(p.Stack.ConnectionSlotCount, p.Stack.FreeConnectionSlots);
        }

        [TestMethod]
        public void Connect_ToUnresolvableNeighbour_FailsAfterSynBudget_ArpRateLimited()
        {
            var p = new ScriptedPeer(learnPeer: false);
            int c = p.Stack.Connect(ScriptedPeer.PeerIp, 80, 50000);
            long start = p.Now;
            int arpRequests = 0;
            for (int i = 0; i < 200 && p.Stack.GetState(c) == TcpState.SynSent; i++)
            {
                p.Now = System.Math.Max(p.Now, p.Stack.Poll(p.Now));
                p.Poll();
                foreach (var f in p.Sent()) { Assert.AreEqual(0x0806, f.EtherType, "no SYN without a next hop"); arpRequests++; }
            }
            Assert.AreEqual(TcpState.Closed, p.Stack.GetState(c));
            Assert.AreEqual(TcpError.TimedOut, p.Stack.GetLastError(c));
            Assert.IsTrue(arpRequests <= (p.Now - start) / 1000 + 2, $"ARP at most once per second: {arpRequests} in {p.Now - start} ms");
        }

        [TestMethod]
        public void Data_RetransmittedOnRto_TimerRestartedByEachAck()
        {
            var e = new Established();
            e.P.Stack.Send(e.Handle, new byte[3000], 0, 3000);
            e.P.Poll();
            var first = e.P.Sent();
            Assert.AreEqual(3, first.Count, "3 segments of MSS 1000 within cwnd");
            e.P.Now += 900;
            Assert.AreEqual(0, e.Send(Packets.Ack, ack: e.DutSeq + 1000).Count);
            var info = new TcpConnectionInfo();
            e.P.Stack.GetConnectionInfo(e.Handle & 0xFF, info);
            // Handshake sample R=0 (SRTT 0, RTTVAR 0), then R=900: RTTVAR = 900/4 = 225, SRTT = 900/8 = 112 (RFC 6298 §2.3).
            Assert.AreEqual(112, info.SmoothedRttMs);
            Assert.AreEqual(112 + 4 * 225, info.RetransmissionTimeoutMs);
            long ackTime = e.P.Now;
            e.P.Now = ackTime + 1011; // restarted by the ACK (RFC 6298 §5.3), not measured from the first send
            e.P.Poll();
            Assert.AreEqual(0, e.P.Sent().Count);
            e.P.Now = ackTime + 1012;
            e.P.Poll();
            var rtx = e.P.Sent().Single();
            Assert.AreEqual(e.DutSeq + 1000, rtx.Seq);
            Assert.AreEqual(1L, e.P.Stack.Counters.TcpRetransmissions);
        }

        [TestMethod]
        public void SenderSwsAvoidance_HoldsTinySegment_UntilOverrideOrWindow()
        {
            var e = new Established(c => c.Nagle = false);
            e.P.Stack.Send(e.Handle, new byte[100], 0, 100);
            e.P.Poll();
            Assert.AreEqual(100, e.P.Sent().Single().Data.Length);
            Assert.AreEqual(0, e.Send(Packets.Ack, ack: e.DutSeq + 100, window: 10).Count);
            e.P.Stack.Send(e.Handle, new byte[1000], 0, 1000);
            e.P.Poll();
            Assert.AreEqual(0, e.P.Sent().Count, "10 bytes of 1000 into a 10-byte window: a silly window (RFC 9293 §3.8.6.2.1)");
            Assert.AreEqual(e.P.Now + 200, e.P.Stack.Poll(e.P.Now), "override timer reported as the deadline");
            e.P.Now += 200;
            e.P.Poll();
            var forced = e.P.Sent().Single();
            Assert.AreEqual(10, forced.Data.Length);
            Assert.AreEqual(e.DutSeq + 100, forced.Seq);
        }

        [TestMethod]
        public void LimitedTransmit_NewSegmentPerEarlyDuplicateAck()
        {
            var e = new Established(c => c.SendBufferSize = 8192, peerWindow: 60000);
            e.P.Stack.Send(e.Handle, new byte[4000], 0, 4000);
            e.P.Poll();
            Assert.AreEqual(4, e.P.Sent().Count, "initial window: 4 segments of MSS 1000 (RFC 3390: min(4*MSS, max(2*MSS, 4380)))");
            e.P.Stack.Send(e.Handle, new byte[2000], 0, 2000);
            e.P.Poll();
            Assert.AreEqual(0, e.P.Sent().Count, "cwnd full");
            var first = e.Send(Packets.Ack, window: 60000).Single();
            Assert.AreEqual(e.DutSeq + 4000, first.Seq, "RFC 3042: one new segment for the first duplicate ACK");
            var second = e.Send(Packets.Ack, window: 60000).Single();
            Assert.AreEqual(e.DutSeq + 5000, second.Seq);
        }

        [TestMethod]
        public void FastRetransmit_OnThirdDuplicateAck()
        {
            var e = new Established();
            e.P.Stack.Send(e.Handle, new byte[4000], 0, 4000);
            e.P.Poll();
            Assert.AreEqual(4, e.P.Sent().Count);
            Assert.AreEqual(0, e.Send(Packets.Ack).Count);
            Assert.AreEqual(0, e.Send(Packets.Ack).Count);
            var rtx = e.Send(Packets.Ack);
            Assert.AreEqual(e.DutSeq, rtx.Single().Seq, "first unacknowledged segment resent at once");
            Assert.AreEqual(1L, e.P.Stack.Counters.TcpFastRetransmits);
        }

        [TestMethod]
        public void ZeroWindow_PersistProbesBackOff_TransferResumesAfterLostUpdate()
        {
            var e = new Established(peerWindow: 1000);
            e.P.Stack.Send(e.Handle, new byte[2000], 0, 2000);
            e.P.Poll();
            Assert.AreEqual(1, e.P.Sent().Count);
            Assert.AreEqual(0, e.Send(Packets.Ack, ack: e.DutSeq + 1000, window: 0).Count);
            var probeTimes = new System.Collections.Generic.List<long>();
            long t0 = e.P.Now;
            for (int i = 0; i < 3; i++)
            {
                var probe = e.AdvanceToDeadline().Single();
                Assert.AreEqual(e.DutSeq + 999, probe.Seq, "probe SEQ = SND.UNA - 1, no data");
                Assert.AreEqual(0, probe.Data.Length);
                probeTimes.Add(e.P.Now - t0);
                Assert.AreEqual(0, e.Send(Packets.Ack, ack: e.DutSeq + 1000, window: 0).Count); // still closed
            }
            CollectionAssert.AreEqual(new long[] { 1000, 3000, 7000 }, probeTimes.ToArray());
            // The window opens but the update is lost: the next probe's answer carries it.
            var resumed = e.AdvanceToDeadline();
            Assert.AreEqual(1, resumed.Count);
            var data = e.Send(Packets.Ack, ack: e.DutSeq + 1000, window: 4000);
            Assert.AreEqual(1000, data.Single().Data.Length);
            Assert.AreEqual(e.DutSeq + 1000, data.Single().Seq);
        }

        [TestMethod]
        public void V6_KeepAlive_TwoHoursThen75sThenGiveUpAfter10()
        {
            var e = new Established(c => c.KeepAliveEnabled = true);
            long t0 = e.P.Now;
            var times = new System.Collections.Generic.List<long>();
            Packets.Parsed last = null;
            for (int i = 0; i < 11; i++)
            {
                var sent = e.AdvanceToDeadline();
                last = sent.Single();
                times.Add(e.P.Now - t0);
                if (i < 10) Assert.AreEqual(e.DutSeq - 1, last.Seq, "probe SEQ = SND.NXT - 1");
            }
            Assert.AreEqual(7_200_000, times[0]);
            Assert.AreEqual(7_200_000 + 9 * 75_000, times[9]);
            Assert.AreEqual(7_200_000 + 10 * 75_000, times[10]);
            Assert.AreEqual(Packets.Rst, last.Flags);
            Assert.AreEqual(TcpError.TimedOut, e.P.Stack.GetLastError(e.Handle));
        }

        [TestMethod]
        public void KeepAlive_AnsweredProbeKeepsConnection()
        {
            var e = new Established(c => c.KeepAliveEnabled = true);
            e.AdvanceToDeadline().Single();
            e.Send(Packets.Ack);
            Assert.AreEqual(7_200_000, e.P.Stack.Poll(e.P.Now) - e.P.Now, "idle period restarted by the answer");
        }

        [TestMethod]
        public void TimeWait_ExpiresAfter2Msl_ThenSynGetsRst()
        {
            var e = new Established(c => c.TimeWaitMs = 5000);
            e.P.Stack.Close(e.Handle);
            e.P.Poll();
            var fin = e.P.Sent().Single();
            Assert.AreEqual(Packets.Fin | Packets.Ack, fin.Flags);
            e.Send(Packets.Fin | Packets.Ack, ack: e.DutSeq + 1);
            Assert.AreEqual(TcpState.TimeWait, e.P.Stack.GetState(e.Handle));
            long t = e.P.Now;
            Assert.AreEqual(t + 5000, e.P.Stack.Poll(t));
            e.P.Now = t + 5000;
            e.P.Poll();
            Assert.AreEqual(e.P.Stack.ConnectionSlotCount, e.P.Stack.FreeConnectionSlots);
        }

        [TestMethod]
        public void TimeWait_OldestReclaimedWhenAllSlotsBusy()
        {
            var p = new ScriptedPeer(c => { c.ConnectionSlots = 2; c.IsnSource = new FixedIsn(1000); });
            int l = p.Stack.Listen(80, 2);
            for (int port = 40000; port < 40002; port++)
            {
                p.Segment(port, 80, 5000, 0, Packets.Syn);
                p.Segment(port, 80, 5001, 1001, Packets.Ack);
                int c = p.Stack.Accept(l);
                p.Stack.Close(c);
                p.Poll();
                p.Sent();
                p.Segment(port, 80, 5001, 1002, Packets.Fin | Packets.Ack);
                Assert.AreEqual(TcpState.TimeWait, p.Stack.GetState(c));
                p.Now += 10;
            }
            Assert.AreEqual(0, p.Stack.FreeConnectionSlots);
            var synAck = p.Segment(40002, 80, 9000, 0, Packets.Syn).Single();
            Assert.AreEqual(Packets.Syn | Packets.Ack, synAck.Flags);
            Assert.AreEqual(1L, p.Stack.Counters.TcpTimeWaitReclaimed);
            var info = new TcpConnectionInfo();
            int timeWaits = 0, ports = 0;
            for (int s = 0; s < 2; s++)
            {
                Assert.IsTrue(p.Stack.GetConnectionInfo(s, info));
                if (info.State == TcpState.TimeWait) { timeWaits++; ports = info.RemotePort; }
            }
            Assert.AreEqual(1, timeWaits);
            Assert.AreEqual(40001, ports, "the older TIME-WAIT (port 40000) was reclaimed");
        }

        [TestMethod]
        public void FinWait2_TimesOutAfterClose()
        {
            var e = new Established(c => c.FinWait2TimeoutMs = 30_000);
            e.P.Stack.Close(e.Handle);
            e.P.Poll();
            e.P.Sent();
            e.Send(Packets.Ack, ack: e.DutSeq + 1);
            Assert.AreEqual(TcpState.FinWait2, e.P.Stack.GetState(e.Handle));
            e.P.Now += 30_000;
            e.P.Poll();
            Assert.AreEqual(e.P.Stack.ConnectionSlotCount, e.P.Stack.FreeConnectionSlots);
            Assert.AreEqual(1L, e.P.Stack.Counters.TcpConnectionsTimedOut);
        }

        [TestMethod]
        public void FinThenReset_ReportsResetNotEndOfStream()
        {
            var e = new Established();
            e.Send(Packets.Fin | Packets.Ack);
            Assert.AreEqual(TcpState.CloseWait, e.P.Stack.GetState(e.Handle));
            var buf = new byte[4];
            Assert.AreEqual(0, e.P.Stack.Receive(e.Handle, buf, 0, 4), "end of stream after the FIN");
            e.Send(Packets.Rst, seq: e.PeerSeq + 1);
            Assert.AreEqual(TcpState.Closed, e.P.Stack.GetState(e.Handle));
            Assert.AreEqual(TcpError.ConnectionReset, e.P.Stack.GetLastError(e.Handle));
            Assert.AreEqual(TcpError.ConnectionReset, e.P.Stack.Receive(e.Handle, buf, 0, 4));
            Assert.AreEqual(TcpError.ConnectionReset, e.P.Stack.Send(e.Handle, buf, 0, 4));
            Assert.AreEqual(TcpError.ConnectionReset, e.P.Stack.SendSpace(e.Handle));
            Assert.AreEqual(0, e.P.Stack.Close(e.Handle));
            Assert.AreEqual(e.P.Stack.ConnectionSlotCount, e.P.Stack.FreeConnectionSlots);
        }

        [TestMethod]
        public void OutOfWindowPureAcks_AnsweredOncePer500ms_DataAlways()
        {
            var e = new Established();
            uint old = e.PeerSeq - 1000;
            Assert.AreEqual(1, e.Send(Packets.Ack, seq: old).Count);
            Assert.AreEqual(0, e.Send(Packets.Ack, seq: old).Count, "ACK-loop limiter (500 ms)");
            Assert.AreEqual(1, e.Send(Packets.Ack, new byte[] { 1 }, seq: old).Count, "old data is always re-ACKed");
            e.P.Now += 500;
            Assert.AreEqual(1, e.Send(Packets.Ack, seq: old).Count);
        }

        [TestMethod]
        public void ChallengeAcks_RateLimitedPerSecond()
        {
            var e = new Established(c => c.ChallengeAcksPerSecond = 3);
            int answered = 0;
            for (int i = 0; i < 10; i++) answered += e.Send(Packets.Rst, seq: e.PeerSeq + 100).Count;
            Assert.AreEqual(3, answered);
            Assert.AreEqual(7L, e.P.Stack.Counters.TcpChallengeAcksSuppressed);
            e.P.Now += 1000;
            Assert.AreEqual(1, e.Send(Packets.Rst, seq: e.PeerSeq + 100).Count);
            Assert.AreEqual(TcpState.Established, e.P.Stack.GetState(e.Handle));
        }

        [TestMethod]
        public void OutOfOrder_KeptAndDeliveredWhenGapFills()
        {
            var e = new Established();
            var seg = new byte[100];
            for (int i = 0; i < 3; i++)
            {
                for (int k = 0; k < 100; k++) seg[k] = (byte)(i * 100 + k);
                if (i == 0) continue;
                var dup = e.Send(Packets.Ack, (byte[])seg.Clone(), seq: e.PeerSeq + (uint)(i * 100)).Single();
                Assert.AreEqual(e.PeerSeq, dup.AckNum, "duplicate ACK for the gap");
            }
            for (int k = 0; k < 100; k++) seg[k] = (byte)k;
            var ack = e.Send(Packets.Ack, seg).Single();
            Assert.AreEqual(e.PeerSeq + 300, ack.AckNum);
            var buf = new byte[400];
            Assert.AreEqual(300, e.P.Stack.Receive(e.Handle, buf, 0, 400));
            for (int k = 0; k < 300; k++) Assert.AreEqual((byte)k, buf[k]);
        }
    }
}
