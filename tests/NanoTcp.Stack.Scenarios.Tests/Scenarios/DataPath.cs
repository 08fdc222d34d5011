using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>The data path, rows S46–S51 (RFC 9293 §3.8, §3.10.7.4; RFC 6298; RFC 1122 4.2.2.17, 4.2.3.6).</summary>
    [TestClass]
    public sealed class DataPath : ScenarioTest
    {
        [TestMethod]
        [DataRow(false, DisplayName = "every segment ACKed at once")]
        [DataRow(true, DisplayName = "shipped defaults: delayed ACK and Nagle on")]
        public void S46_BulkBothWays_PeerWindowRespected_SequenceWrapsPast2Pow32(bool delayedAck)
        {
            Action<StackConfig> configure = c => c.DelayedAck = delayedAck;
            const uint dutIss = 0xFFFFF000, peerIss = 0xFFFFF800;
            const int total = 20000, peerWindow = 2000;
            NewPeer(configure, dutIss);
            Listen();
            Peer.Send(Flags.Syn, peerIss, window: peerWindow, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, dutIss, peerIss + 1, mss: 1460);
            Peer.Send(Flags.Ack, peerIss + 1, dutIss + 1, window: peerWindow);
            int conn = Dut.Accept(Listener);

            byte[] outbound = Data(total, 1), inbound = Data(total, 2);
            var atPeer = new List<byte>();
            int written = 0, peerSent = 0;
            uint peerRcvNxt = dutIss + 1, peerSndNxt = peerIss + 1, peerAckSent = dutIss + 1;
            uint dutAck = peerIss + 1; int dutWindow = Peer.Config.ReceiveBufferSize;
            var atDut = new List<byte>();
            for (int round = 0; round < 5000 && (atPeer.Count < total || atDut.Count < total); round++)
            {
                if (written < total) written += Math.Max(0, Dut.Send(conn, outbound, written, total - written));
                atDut.AddRange(ReadAvailable(conn));
                Peer.AdvanceBy(10);
                while (Peer.PendingSegments > 0)
                {
                    Segment s = Peer.Take().Segment;
                    Assert.AreEqual(Flags.Ack, s.Flags & ~Flags.Psh, s.ToString());
                    Assert.AreEqual(peerRcvNxt, s.Seq, "in order, nothing lost, nothing retransmitted");
                    // RFC 9293 §3.8.6: never beyond the right edge SND.UNA + SND.WND the peer last advertised.
                    Assert.IsLessThanOrEqualTo(peerWindow, (int)(s.Seq + (uint)s.Payload.Length - peerAckSent), "segment beyond the peer's window");
                    atPeer.AddRange(s.Payload);
                    peerRcvNxt += (uint)s.Payload.Length;
                    dutAck = s.Ack;
                    dutWindow = s.Window;
                }
                int inFlight = (int)(peerSndNxt - dutAck);
                int chunk = Math.Min(Math.Min(1460, total - peerSent), dutWindow - inFlight);
                byte[] payload = chunk > 0 ? inbound[peerSent..(peerSent + chunk)] : null;
                Peer.Send(Flags.Ack, peerSndNxt, peerRcvNxt, window: peerWindow, payload: payload);
                peerAckSent = peerRcvNxt;
                if (chunk > 0) { peerSent += chunk; peerSndNxt += (uint)chunk; }
            }
            CollectionAssert.AreEqual(outbound, atPeer.ToArray(), "DUT → peer bytes");
            CollectionAssert.AreEqual(inbound, atDut.ToArray(), "peer → DUT bytes");
            Assert.IsLessThan(dutIss, peerRcvNxt, "the DUT's sequence numbers wrapped");
            Assert.IsLessThan(peerIss, peerSndNxt, "the peer's sequence numbers wrapped");
            Assert.AreEqual(0, Peer.SlotInfo().Retransmissions);
        }

        [TestMethod]
        public void S47_Rto_SrttRttvar_Karn_Backoff_MaxRto()
        {
            NewPeer(c => { c.MinRtoMs = 100; c.MaxRtoMs = 3000; c.Nagle = false; });
            Listen();
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460, at: 0);
            // RFC 6298 §2.2 first sample R = 400: SRTT = 400, RTTVAR = 200, RTO = 400 + 4·200 = 1200.
            Peer.SendAt(400, Peer.Seg(Flags.Ack, RemoteIss + 1, Iss + 1));
            int conn = Dut.Accept(Listener);
            Write(conn, Data(10, 1));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(10, 1), at: 400);
            // §2.3 R = 600: RTTVAR = ¾·200 + ¼·|400 − 600| = 200, SRTT = ⅞·400 + ⅛·600 = 425, RTO = 1225.
            Peer.SendAt(1000, Peer.Seg(Flags.Ack, RemoteIss + 1, Iss + 11));
            Write(conn, Data(10, 2));
            Peer.ExpectSegment(Flags.Ack, Iss + 11, RemoteIss + 1, payload: Data(10, 2), at: 1000);
            // Lost: retransmitted after RTO, then after 2·RTO (§5.4, §5.5).
            ExpectRetransmission(2225, Iss + 11, Data(10, 2));
            ExpectRetransmission(2225 + 2450, Iss + 11, Data(10, 2));
            // The ACK of a retransmitted segment gives no sample (Karn, §3).
            Peer.SendAt(4775, Peer.Seg(Flags.Ack, RemoteIss + 1, Iss + 21));
            Write(conn, Data(10, 3));
            Peer.ExpectSegment(Flags.Ack, Iss + 21, RemoteIss + 1, payload: Data(10, 3), at: 4775);
            // R = 465 (from SRTT 425, RTTVAR 200): RTTVAR = 150 + 10 = 160, SRTT = 371.875 + 58.125 = 430, RTO = 1070.
            Peer.SendAt(5240, Peer.Seg(Flags.Ack, RemoteIss + 1, Iss + 31));
            Write(conn, Data(10, 4));
            Peer.ExpectSegment(Flags.Ack, Iss + 31, RemoteIss + 1, payload: Data(10, 4), at: 5240);
            ExpectRetransmission(5240 + 1070, Iss + 31, Data(10, 4));
            ExpectRetransmission(6310 + 2140, Iss + 31, Data(10, 4));
            // Backoff capped at MaxRtoMs = 3000 (§2.5).
            ExpectRetransmission(8450 + 3000, Iss + 31, Data(10, 4));
            ExpectRetransmission(11450 + 3000, Iss + 31, Data(10, 4));
            Assert.AreEqual(6, Peer.SlotInfo().Retransmissions);
        }

        [TestMethod]
        public void S47_Rto_ShortRttRoundedUpToTheOneSecondMinimum()
        {
            // §2.4 (default MinRtoMs 1 s): an RTT of 10 ms gives SRTT + 4·RTTVAR = 30 ms, rounded up to 1 s.
            NewPeer();
            Listen();
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460, at: 0);
            Peer.SendAt(10, Peer.Seg(Flags.Ack, RemoteIss + 1, Iss + 1));
            int conn = Dut.Accept(Listener);
            Write(conn, Data(10, 5));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(10, 5), at: 10);
            ExpectRetransmission(1010, Iss + 1, Data(10, 5));
        }

        [TestMethod]
        public void S47_Rto_AckOfNewDataRestartsTheTimer()
        {
            // §5.3: an ACK of new data restarts the timer for what is still outstanding (the smoltcp #949 bug:
            // a timer left running from the first send retransmits too early).
            int conn = OpenPassive(c => c.Nagle = false);             // handshake RTT 0: SRTT 0, RTTVAR 0
            Write(conn, Data(10, 6));                                 // A at t=0, timer armed for t=1000
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(10, 6), at: 0);
            Peer.AdvanceTo(500);
            Peer.Pump();
            Write(conn, Data(10, 7));                                 // B at t=500
            Peer.ExpectSegment(Flags.Ack, Iss + 11, RemoteIss + 1, payload: Data(10, 7), at: 500);
            // ACK of A at 800: sample 800 → SRTT 100, RTTVAR 200, RTO max(1 s, 900) = 1 s, restarted now.
            Peer.SendAt(800, Peer.Seg(Flags.Ack, RemoteIss + 1, Iss + 11));
            ExpectRetransmission(1800, Iss + 11, Data(10, 7));
        }

        private void ExpectRetransmission(long at, uint seq, byte[] payload)
        {
            Peer.AdvanceTo(at - 1);
            Peer.ExpectNothing();
            Peer.AdvanceTo(at);
            Peer.ExpectSegment(Flags.Ack, seq, RemoteIss + 1, payload: payload, at: at);
        }

        [TestMethod]
        public void S48_ZeroWindow_PersistProbesWithBackoff_ResumesAfterLostWindowUpdate()
        {
            int conn = OpenPassive(c => c.Nagle = false);
            Write(conn, Data(100));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(100));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 101, window: 0);
            Write(conn, Data(50, 2));
            Peer.ExpectNothing(); // nothing may be sent into a zero window
            // RFC 1122 4.2.2.17 / RFC 9293 §3.8.6.1: probe after RTO (1 s), intervals growing exponentially.
            foreach (long t in new long[] { 1000, 3000, 7000 })
            {
                Peer.AdvanceTo(t - 1);
                Peer.ExpectNothing();
                Peer.AdvanceTo(t);
                ExpectProbe(t);
                Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 101, window: 0); // still closed
            }
            Assert.AreEqual(3L, Dut.Counters.TcpPersistProbes);
            // The window opens but that update is lost; the next probe's answer carries the open window.
            Peer.AdvanceTo(14999);
            Peer.ExpectNothing();
            Peer.AdvanceTo(15000);
            ExpectProbe(15000);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 101, window: 8192);
            Peer.ExpectSegment(Flags.Ack, Iss + 101, RemoteIss + 1, payload: Data(50, 2));
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void S48_TinyWindow_SenderSwsAvoidance_SendsAfterOverrideTimeout()
        {
            // Sender SWS avoidance (RFC 9293 §3.8.6.2.1, MUST-38): a 10-byte window with 1000 bytes queued and a
            // maximum window of 8192 is not worth a segment until the override timeout (0.1–1 s; nanoTcp 200 ms).
            int conn = OpenPassive(c => c.Nagle = false);
            Write(conn, Data(100));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(100));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 101, window: 10);
            Write(conn, Data(1000, 2));
            Peer.AdvanceTo(199);
            Peer.ExpectNothing();
            Peer.AdvanceTo(1000);
            Peer.ExpectSegment(Flags.Ack, Iss + 101, RemoteIss + 1, payload: Data(1000, 2)[..10], at: 200);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S48_DutWindowReopens_LostUpdate_PeerProbeAnsweredWithOpenWindow()
        {
            // The DUT as receiver: its window closes, the application reads, the window update is sent; when
            // that update is lost the peer's probe is answered with the open window (no deadlock).
            int conn = OpenPassive();
            byte[] fill = FillReceiveWindow();
            CollectionAssert.AreEqual(fill, ReadAvailable(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 4097, window: 4096); // RFC 1122 4.2.3.3 window update
            Peer.AdvanceBy(5000);
            Peer.Send(Flags.Ack, RemoteIss + 4096, Iss + 1);                      // probe, SEG.SEQ = RCV.NXT − 1
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 4097, window: 4096);
        }

        /// <summary>
        /// A zero-window probe. RFC 9293 §3.8.6.1 requires probing but leaves the form open; nanoTcp sends the
        /// keepalive form, an empty segment at SND.UNA − 1 (as Linux's tcp_xmit_probe_skb does), which is never
        /// acceptable to the receiver and so always draws the ACK that carries its current window (§3.10.7.4 first
        /// step), without committing a data octet to a closed window.
        /// </summary>
        private void ExpectProbe(long at) => Peer.ExpectSegment(Flags.Ack, Iss + 100, RemoteIss + 1, at: at);

        [TestMethod]
        public void S49_KeepAlive_PeerProbeAnswered_OwnProbesFollowV6()
        {
            int conn = OpenPassive(c => { c.KeepAliveEnabled = true; c.KeepAliveIdleMs = 10000; c.KeepAliveIntervalMs = 1000; c.KeepAliveProbes = 3; });
            // RFC 1122 4.2.3.6: a probe SEG.SEQ = RCV.NXT − 1, with or without one garbage octet, gets an ACK.
            Peer.Send(Flags.Ack, RemoteIss, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.Send(Flags.Ack, RemoteIss, Iss + 1, payload: new byte[] { 0 });
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(0, Dut.BytesToRead(conn), "the garbage octet is old data, not delivered");

            // Our own: probe after the idle time; answered → the idle timer starts again.
            Peer.AdvanceTo(9999);
            Peer.ExpectNothing();
            Peer.AdvanceTo(10000);
            ExpectOwnProbe(10000);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectNothing();
            Peer.AdvanceTo(19999);
            Peer.ExpectNothing();
            // Unanswered: every interval, then the connection is dropped after KeepAliveProbes.
            Peer.AdvanceTo(20000);
            ExpectOwnProbe(20000);
            Peer.AdvanceTo(21000);
            ExpectOwnProbe(21000);
            Peer.AdvanceTo(22000);
            ExpectOwnProbe(22000);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Peer.AdvanceTo(23000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.TimedOut, Dut.GetLastError(conn));
            // Giving up is an abort (RFC 9293 §3.10.5): <SEQ=SND.NXT><CTL=RST>, as in V6.
            Peer.ExpectSegment(Flags.Rst, Iss + 1, at: 23000);
            Peer.ExpectNothing();
        }

        /// <summary>RFC 1122 4.2.3.6: a keepalive probe SEG.SEQ = SND.NXT − 1; nanoTcp sends it without the optional garbage octet.</summary>
        private void ExpectOwnProbe(long at) => Peer.ExpectSegment(Flags.Ack, Iss, RemoteIss + 1, at: at);

        [TestMethod]
        public void S50_OutOfOrderKeptBounded_DeliveredInOrder_DuplicatesDiscarded()
        {
            // The peer's numbers cross 2^32 in the middle of the data: reassembly uses sequence arithmetic.
            const uint peerIss = 0xFFFFFFFF - 45;
            int conn = OpenPassive(c => c.OutOfOrderRanges = 2, peerIss: peerIss);
            byte[] data = Data(90);
            uint b = peerIss + 1;
            // RFC 9293 §3.10.7.4 / RFC 5681 §4.2: an out-of-order segment gets an immediate duplicate ACK.
            Peer.Send(Flags.Ack, b + 20, Iss + 1, payload: data[20..30]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b);
            Peer.Send(Flags.Ack, b + 10, Iss + 1, payload: data[10..20]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b);
            Assert.AreEqual(0, Dut.BytesToRead(conn));
            Peer.Send(Flags.Ack, b, Iss + 1, payload: data[..10]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b + 30);
            CollectionAssert.AreEqual(data[..30], ReadAvailable(conn));
            // A duplicate is acknowledged and discarded.
            Peer.Send(Flags.Ack, b + 10, Iss + 1, payload: data[10..20]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b + 30);
            Assert.AreEqual(0, Dut.BytesToRead(conn));
            Assert.AreEqual(1, Dut.Counters.TcpDuplicateData);

            // Bounded: two ranges kept (OutOfOrderRanges = 2), a third beyond them is dropped.
            Peer.Send(Flags.Ack, b + 40, Iss + 1, payload: data[40..50]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b + 30);
            Peer.Send(Flags.Ack, b + 60, Iss + 1, payload: data[60..70]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b + 30);
            Peer.Send(Flags.Ack, b + 80, Iss + 1, payload: data[80..90]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b + 30);
            Peer.Send(Flags.Ack, b + 30, Iss + 1, payload: data[30..40]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b + 50);
            Peer.Send(Flags.Ack, b + 50, Iss + 1, payload: data[50..60]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b + 70);
            Peer.Send(Flags.Ack, b + 70, Iss + 1, payload: data[70..80]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, b + 80);
            CollectionAssert.AreEqual(data[30..80], ReadAvailable(conn));

            // Overlaps: a segment straddling kept data, and one straddling RCV.NXT (only its new part counts).
            byte[] more = Data(60, 9);
            uint m = b + 80;
            Peer.Send(Flags.Ack, m + 30, Iss + 1, payload: more[30..40]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, m);
            Peer.Send(Flags.Ack, m + 25, Iss + 1, payload: more[25..50]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, m);
            Peer.Send(Flags.Ack, m, Iss + 1, payload: more[..10]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, m + 10);
            Peer.Send(Flags.Ack, m + 5, Iss + 1, payload: more[5..25]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, m + 50);
            CollectionAssert.AreEqual(more[..50], ReadAvailable(conn));
        }

        [TestMethod]
        public void S51_BadChecksumsAndTruncatedHeaders_DroppedCountedNoReply()
        {
            int conn = OpenPassive();
            Segment good = Peer.Seg(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 1, payload: Text("data"));
            const int ip = EthernetFrame.HeaderLength, tcp = ip + 20;
            var c = Dut.Counters;

            // RFC 9293 §3.1 (MUST-2, checksum verified) and RFC 1122 3.2.1.2 (IP header checksum): silent discard.
            byte[] f = Peer.TcpFrame(good);
            f[tcp + 16] ^= 0x5A;
            Peer.InjectFrame(f);
            Assert.AreEqual(1, c.Drops(DropReason.TcpChecksum));

            f = Peer.TcpFrame(good);
            f[ip + 10] ^= 0x5A;
            Peer.InjectFrame(f);
            Assert.AreEqual(1, c.Drops(DropReason.IpChecksum));

            // Checksum right, header cut at 10 bytes.
            byte[] tcpBytes = good.Encode(ScriptedPeer.PeerIp, ScriptedPeer.DutIp);
            Peer.InjectFrame(Peer.EthernetFrameTo(EthernetFrame.TypeIpv4,
                new Ipv4Packet { Source = ScriptedPeer.PeerIp, Destination = ScriptedPeer.DutIp, Protocol = Ipv4Packet.ProtocolTcp, Payload = tcpBytes[..10] }.Encode()));
            // Data offset 15 words (60 bytes) in a 24-byte segment, checksum made valid again.
            byte[] longOffset = (byte[])tcpBytes.Clone();
            longOffset[12] = 0xF0;
            longOffset[16] = longOffset[17] = 0;
            uint sum = InternetChecksum.PseudoHeader(ScriptedPeer.PeerIp, ScriptedPeer.DutIp, Ipv4Packet.ProtocolTcp, longOffset.Length);
            Bytes.Put16(longOffset, 16, InternetChecksum.Finish(InternetChecksum.Add(sum, longOffset, 0, longOffset.Length)));
            Peer.InjectFrame(Peer.EthernetFrameTo(EthernetFrame.TypeIpv4,
                new Ipv4Packet { Source = ScriptedPeer.PeerIp, Destination = ScriptedPeer.DutIp, Protocol = Ipv4Packet.ProtocolTcp, Payload = longOffset }.Encode()));
            Assert.AreEqual(2, c.Drops(DropReason.TcpMalformed));

            // IPv4 total length larger than the frame.
            f = Peer.TcpFrame(good);
            Bytes.Put16(f, ip + 2, 1400);
            f[ip + 10] = f[ip + 11] = 0;
            Bytes.Put16(f, ip + 10, InternetChecksum.Compute(f, ip, 20));
            Peer.InjectFrame(f[..(ip + 20 + 24)]);
            Assert.AreEqual(1, c.Drops(DropReason.IpMalformed));

            Peer.ExpectNothing();
            Assert.AreEqual(0, Dut.BytesToRead(conn));
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            // The connection is unharmed.
            Peer.Send(good);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 5);
            CollectionAssert.AreEqual(Text("data"), ReadAvailable(conn));
        }
    }
}
