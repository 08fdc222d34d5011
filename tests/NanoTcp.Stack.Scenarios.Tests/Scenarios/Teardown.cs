using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>../shared/tcp-scenarios.md §4: teardown, rows 31–45 (RFC 9293 §3.6, RFC 1122, RFC 1337).</summary>
    [TestClass]
    public sealed class Teardown : ScenarioTest
    {
        [TestMethod]
        public void S31_ActiveClose_FinWait1_FinWait2_TimeWait()
        {
            int conn = OpenPassive();
            // RFC 9293 §3.6 figure 12 / §3.10.4: CLOSE → FIN, FIN-WAIT-1.
            CloseToFinWait1(conn);
            // §3.10.7.4 fifth step: our FIN acknowledged → FIN-WAIT-2.
            AckFinToFinWait2(conn);
            // Eighth step: FIN → ACK it, TIME-WAIT.
            FinToTimeWait(conn);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S32_ActiveClose_PeerFinAckInOneSegment_TimeWaitDirectly()
        {
            int conn = OpenPassive();
            CloseToFinWait1(conn);
            // RFC 9293 §3.10.7.4 eighth step, FIN-WAIT-1: "If our FIN has been ACKed ... enter TIME-WAIT".
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 2);
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 2);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
        }

        [TestMethod]
        public void S33_PassiveClose_CloseWait_LastAck_Closed_SlotFreed()
        {
            int conn = OpenPassive();
            // RFC 9293 §3.6 figure 12 right side.
            PeerFinToCloseWait(conn);
            Assert.AreEqual(0, Dut.Receive(conn, new byte[8], 0, 8), "end of stream");
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2);
            Assert.AreEqual(TcpState.LastAck, Dut.GetState(conn));
            Peer.Send(Flags.Ack, RemoteIss + 2, Iss + 2);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        [TestMethod]
        public void S34_SimultaneousClose_Closing_ThenTimeWait()
        {
            int conn = OpenPassive();
            CloseToFinWait1(conn);
            // RFC 9293 §3.6 figure 13: FIN not acknowledging ours → ACK it, CLOSING.
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 2);
            Assert.AreEqual(TcpState.Closing, Dut.GetState(conn));
            // §3.10.7.4 fifth step, CLOSING: ACK of our FIN → TIME-WAIT.
            Peer.Send(Flags.Ack, RemoteIss + 2, Iss + 2);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));

            // The ACK of our FIN lost in CLOSING: the FIN is retransmitted after the RTO, and the peer's
            // retransmitted FIN is acknowledged again; the late ACK still ends in TIME-WAIT.
            conn = OpenPassive();
            CloseToFinWait1(conn);
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 2);
            Peer.AdvanceTo(1000);
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2, at: 1000);
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 2);
            Assert.AreEqual(TcpState.Closing, Dut.GetState(conn));
            Peer.Send(Flags.Ack, RemoteIss + 2, Iss + 2);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
        }

        [TestMethod]
        public void S35_HalfClosePeerFirst_DutStillSendsInCloseWait()
        {
            int conn = OpenPassive();
            PeerFinToCloseWait(conn);
            // RFC 9293 §3.6.1: CLOSE-WAIT may still SEND.
            Write(conn, Data(20));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 2, payload: Data(20));
            Peer.Send(Flags.Ack, RemoteIss + 2, Iss + 21);
            Peer.ExpectNothing();
            Assert.AreEqual(Peer.Config.SendBufferSize, Dut.SendSpace(conn), "acknowledged data left the send buffer");
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 21, RemoteIss + 2);
            Peer.Send(Flags.Ack, RemoteIss + 2, Iss + 22);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
        }

        [TestMethod]
        public void S36_HalfCloseDutFirst_FinWait2StillReceivesAndAcks()
        {
            int conn = OpenPassive();
            Assert.AreEqual(TcpError.None, Dut.Shutdown(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpError.Shutdown, Dut.Send(conn, new byte[1], 0, 1));
            AckFinToFinWait2(conn);
            // RFC 9293 §3.10.7.4 seventh step: FIN-WAIT-1/2 still process segment text.
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 2, payload: Data(30));
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 31);
            CollectionAssert.AreEqual(Data(30), ReadAvailable(conn));
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 31, Iss + 2);
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 32);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
            Assert.AreEqual(0, Dut.Receive(conn, new byte[8], 0, 8), "end of stream");

            // Shutdown with data still queued: the FIN follows the data (RFC 9293 §3.10.4, "queue this until
            // all preceding SENDs have been segmentized"); the FIN rides on the last data segment (one segment
            // fewer; RFC 9293 §3.5 figure 12 shows FIN with data allowed).
            conn = OpenPassive();
            Assert.AreEqual(100, Dut.Send(conn, Data(100), 0, 100));
            Assert.AreEqual(TcpError.None, Dut.Shutdown(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(100));
            Peer.ExpectNothing();
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 102);
            Assert.AreEqual(TcpState.FinWait2, Dut.GetState(conn));
        }

        [TestMethod]
        public void S37_FinCarryingData_DataThenEndOfStream()
        {
            int conn = OpenPassive();
            // RFC 9293 §3.10.7.4: text first (seventh step), then the FIN (eighth), one ACK for both.
            Peer.Send(Flags.Fin | Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 1, payload: Text("hello"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 7);
            Assert.AreEqual(TcpState.CloseWait, Dut.GetState(conn));
            CollectionAssert.AreEqual(Text("hello"), ReadAvailable(conn));
            Assert.AreEqual(0, Dut.Receive(conn, new byte[8], 0, 8), "end of stream after the data");

            // A FIN beyond a hole is not processed until the hole is filled.
            conn = OpenPassive();
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 6, Iss + 1, payload: Text("world"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, payload: Text("hello"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 12);
            Assert.AreEqual(TcpState.CloseWait, Dut.GetState(conn));
            CollectionAssert.AreEqual(Text("helloworld"), ReadAvailable(conn));
            Assert.AreEqual(0, Dut.Receive(conn, new byte[8], 0, 8));

            // Data + FIN larger than the window: the text is trimmed to the window and the FIN, beyond it,
            // is not processed (RFC 9293 §3.10.7.4 first step, trimming); the retransmission completes it.
            conn = OpenPassive(c => c.ReceiveBufferSize = 100);
            byte[] d = Data(110);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, payload: d[..90]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 91, window: 10);
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 91, Iss + 1, payload: d[90..]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 101, window: 0);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            CollectionAssert.AreEqual(d[..100], ReadAvailable(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 101, window: 100);
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 101, Iss + 1, payload: d[100..]);
            // The right edge stays at RemoteIss+201 (receiver SWS avoidance, RFC 9293 §3.8.6.2.2): 201 − 112 = 89.
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 112, window: 89);
            Assert.AreEqual(TcpState.CloseWait, Dut.GetState(conn));
            CollectionAssert.AreEqual(d[100..], ReadAvailable(conn));
        }

        [TestMethod]
        public void S38_LostFin_RetransmittedWithBackoff_FromFinWait1AndLastAck_ThenAborted()
        {
            // FIN-WAIT-1. RTO = 1 s (RFC 6298 §2.4 minimum; the handshake RTT was 0), doubling (§5.5).
            int conn = OpenPassive(c => c.FinRetries = 3);
            CloseToFinWait1(conn); // t=0
            ExpectFinRetransmissions(Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);

            // LAST-ACK.
            conn = OpenPassive(c => c.FinRetries = 3);
            PeerFinToCloseWait(conn);
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2, at: 0);
            Assert.AreEqual(TcpState.LastAck, Dut.GetState(conn));
            ExpectFinRetransmissions(Iss + 1, RemoteIss + 2);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        /// <summary>FIN sent at t=0 with FinRetries = 3: again at 1, 3, 7 s; given up at 15 s.</summary>
        private void ExpectFinRetransmissions(uint seq, uint ack)
        {
            foreach (long t in new long[] { 1000, 3000, 7000 })
            {
                Peer.AdvanceTo(t - 1);
                Peer.ExpectNothing();
                Peer.AdvanceTo(t);
                Peer.ExpectSegment(Flags.Fin | Flags.Ack, seq, ack, at: t);
            }
            Peer.AdvanceTo(14999);
            Assert.AreNotEqual(TcpState.Closed, Peer.SlotState(), "still retrying before the last RTO ran out");
            Peer.AdvanceTo(15000);
            Assert.AreEqual(TcpState.Closed, Peer.SlotState());
            // Giving up is an abort (RFC 9293 §3.10.5): <SEQ=SND.NXT><CTL=RST>; SND.NXT is past our FIN.
            Peer.ExpectSegment(Flags.Rst, seq + 1, at: 15000);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S39_TimeWait_RetransmittedFinReAcked_2MslRestarts()
        {
            int conn = OpenPassive(c => c.TimeWaitMs = 10000);
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn);
            FinToTimeWait(conn); // t=0
            Peer.AdvanceTo(6000);
            // RFC 9293 §3.10.7.4 eighth step, TIME-WAIT: acknowledge the FIN and restart the 2MSL timeout.
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 2);
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 2, at: 6000);
            Peer.AdvanceTo(15999);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn), "timer restarted at 6 s");
            Peer.AdvanceTo(16000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S40_TimeWait_RstIgnored_Rfc1337()
        {
            int conn = OpenPassive(c => c.TimeWaitMs = 10000);
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn);
            FinToTimeWait(conn);
            // RFC 1337 §3 (TIME-WAIT assassination, fix TW1): ignore RST in TIME-WAIT.
            Peer.Send(Flags.Rst, RemoteIss + 2);
            Peer.Send(Flags.Rst | Flags.Ack, RemoteIss + 2, Iss + 2);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
            Peer.AdvanceTo(9999);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
            Peer.AdvanceTo(10000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
        }

        [TestMethod]
        public void S41_TimeWaitEndsAfter2Msl_DefaultDocumented_SlotFree_LaterSynGetsRst()
        {
            // Documented default: 60 s (StackConfig.TimeWaitMs; RFC 9293 §3.4.2 suggests 2 × 2 min).
            Assert.AreEqual(60000, new StackConfig().TimeWaitMs);
            int conn = OpenPassive();
            Assert.AreEqual(TcpError.None, Dut.CloseListener(Listener));
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn);
            FinToTimeWait(conn); // t=0
            Peer.AdvanceTo(59999);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
            Peer.AdvanceTo(60000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
            Peer.ExpectNothing();
            // No listener and no TCB: RFC 9293 §3.10.7.1.
            Peer.Send(Flags.Syn, RemoteIss + 100000, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Rst | Flags.Ack, 0, RemoteIss + 100001);
        }

        [TestMethod]
        public void S42_SynForTimeWaitTuple_ReopenOnlyAboveRcvNxt_OldestTimeWaitReclaimedWhenFull()
        {
            // RFC 1122 4.2.2.13 / RFC 6191: a new SYN may reopen TIME-WAIT only if SEG.SEQ > the old RCV.NXT.
            int conn = OpenPassive();
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn);
            FinToTimeWait(conn); // RCV.NXT = RemoteIss + 2
            Peer.Send(Flags.Syn, RemoteIss + 1, options: TcpOption.Mss(1460));
            // Not a reopening SYN, so ordinary TIME-WAIT processing: SEG.SEQ is below RCV.NXT (unacceptable, RFC 9293
            // §3.10.7.4 first step) and a SYN in a synchronized state gets a challenge ACK (fourth step, RFC 5961 §4):
            // either way <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 2);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
            Peer.Isns.Enqueue(20000);
            Peer.Send(Flags.Syn, RemoteIss + 1000, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, 20000, RemoteIss + 1001, mss: 1460);
            Assert.AreEqual(TcpState.SynReceived, Peer.SlotState());
            Peer.Send(Flags.Ack, RemoteIss + 1001, 20001);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Established, Dut.GetState(Dut.Accept(Listener)));

            // Every slot busy in TIME-WAIT: a new connection takes the oldest TIME-WAIT slot.
            NewPeer(c => c.ConnectionSlots = 2);
            Listen(backlog: 2);
            foreach (ushort port in new ushort[] { 40000, 40001 })
            {
                int c = HandshakeFrom(port);
                CloseToFinWait1(c);
                AckFinToFinWait2(c);
                FinToTimeWait(c);
                Peer.AdvanceBy(100);
            }
            Assert.AreEqual(0, Dut.FreeConnectionSlots);
            HandshakeFrom(40002, RemoteIss + 777);
            Assert.AreEqual(TcpState.Closed, Peer.SlotState(40000), "the oldest TIME-WAIT slot was reclaimed");
            Assert.AreEqual(TcpState.TimeWait, Peer.SlotState(40001));
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40002));
            Assert.AreEqual(1, Dut.Counters.TcpTimeWaitReclaimed);

            // Only TIME-WAIT is ever reclaimed: with the other slot live too, a SYN is dropped without RST
            // (the client retries) and Connect reports NoFreeSlot.
            HandshakeFrom(40003, RemoteIss + 999);
            Assert.AreEqual(TcpState.Closed, Peer.SlotState(40001), "second reclaim took the remaining TIME-WAIT");
            Peer.PeerPort = 40004;
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectNothing();
            Assert.AreEqual(1, Dut.Counters.Drops(DropReason.TcpNoSlot));
            Assert.AreEqual(TcpError.NoFreeSlot, Dut.Connect(ScriptedPeer.PeerIp, 9999));
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40002));
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40003));

            // Churn as a client (../shared/tcp-scenarios.md §6, slots exhausted by TIME-WAIT): two slots, ten
            // connect/active-close cycles well within 2MSL; every Connect succeeds by reclaiming a TIME-WAIT slot.
            NewPeer(c => c.ConnectionSlots = 2);
            for (int i = 0; i < 10; i++)
            {
                Peer.DutPort = (ushort)(50000 + i);
                int c = Connect();
                Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, options: TcpOption.Mss(1460));
                Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
                CloseToFinWait1(c);
                AckFinToFinWait2(c);
                FinToTimeWait(c);
                Peer.AdvanceBy(1000);
            }
            Assert.AreEqual(8, Dut.Counters.TcpTimeWaitReclaimed);
        }

        [TestMethod]
        public void S43_CloseWithUnreadData_Rst_SlotFreed_DataAfterCloseRst()
        {
            int conn = OpenPassive();
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 1, payload: Text("abc"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 4);
            // RFC 1122 4.2.2.13 / RFC 9293 §3.10.4: CLOSE with unread data → RST instead of FIN.
            Dut.Close(conn);
            Peer.Pump();
            Peer.ExpectSegment(Flags.Rst, Iss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);

            // Data arriving after the application closed can never be read: RST as well (RFC 1122 4.2.2.13).
            conn = OpenPassive();
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn);
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 2, payload: Text("late"));
            Peer.ExpectSegment(Flags.Rst, Iss + 2);
            Peer.ExpectNothing();
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        [TestMethod]
        public void S44_Abort_EstablishedSendsRstAtSndNxt_SynSentSendsNothing()
        {
            int conn = OpenPassive();
            Write(conn, Data(10));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(10));
            // RFC 9293 §3.10.5 ABORT: <SEQ=SND.NXT><CTL=RST>, TCB deleted at once.
            Assert.AreEqual(TcpError.None, Dut.Abort(conn));
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots, "slot freed before the next Poll");
            Peer.Pump();
            Peer.ExpectSegment(Flags.Rst, Iss + 11);
            Peer.ExpectNothing();

            // SYN-SENT: "delete the TCB", nothing sent.
            NewPeer();
            int client = Connect();
            Assert.AreEqual(TcpError.None, Dut.Abort(client));
            Assert.AreEqual(TcpState.Closed, Dut.GetState(client));
            Peer.AdvanceTo(5000);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S45_FinWait2Timeout_LastAckGivesUp_AllBuffersBack()
        {
            // FIN-WAIT-2 after the application closed: freed after FinWait2TimeoutMs (Linux tcp_fin_timeout).
            int conn = OpenPassive(c => { c.FinWait2TimeoutMs = 5000; c.FinRetries = 2; c.ConnectionSlots = 2; });
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn); // t=0
            Peer.AdvanceTo(4999);
            Assert.AreEqual(TcpState.FinWait2, Dut.GetState(conn));
            Peer.AdvanceTo(5000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Peer.ExpectNothing();

            // LAST-ACK without an answer: FIN at 5, 6, 8 s, given up at 12 s.
            int second = HandshakeFrom(40001);
            PeerFinToCloseWait(second);
            Dut.Close(second);
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2, at: 5000);
            Peer.AdvanceTo(6000);
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2, at: 6000);
            Peer.AdvanceTo(8000);
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2, at: 8000);
            Peer.AdvanceTo(12000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(second));
            Peer.ExpectSegment(Flags.Rst, Iss + 2, at: 12000); // the abort's RST (RFC 9293 §3.10.5), as in S38
            Peer.ExpectNothing();

            // Every slot and buffer is back: both slots open again with full buffers and windows.
            Assert.AreEqual(2, Dut.FreeConnectionSlots);
            int[] stale = { conn, second };
            foreach (ushort port in new ushort[] { 40002, 40003 })
            {
                int c = HandshakeFrom(port);
                Assert.AreEqual(Peer.Config.SendBufferSize, Dut.SendSpace(c));
                Assert.AreEqual(0, Dut.BytesToRead(c));
                Assert.AreEqual(Peer.Config.ReceiveBufferSize, Peer.SlotInfo(port).ReceiveWindow);
            }
            Assert.AreEqual(0, Dut.FreeConnectionSlots);
            // The old handles name reused slots: they must not reach the new connections.
            foreach (int h in stale)
            {
                Assert.AreEqual(TcpState.Closed, Dut.GetState(h));
                Assert.AreEqual(TcpError.InvalidHandle, Dut.Send(h, new byte[1], 0, 1));
                Assert.AreEqual(TcpError.InvalidHandle, Dut.Abort(h));
            }
            Peer.Pump();
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40002));
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40003));

            // The timer is for connections the application gave up (closed). After Shutdown the application
            // still reads, so the indefinite FIN-WAIT-2 of RFC 9293 §3.6 applies.
            conn = OpenPassive(c => c.FinWait2TimeoutMs = 5000);
            Assert.AreEqual(TcpError.None, Dut.Shutdown(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 1);
            AckFinToFinWait2(conn);
            Peer.AdvanceTo(60000);
            Assert.AreEqual(TcpState.FinWait2, Dut.GetState(conn));
            Peer.ExpectNothing();
        }
    }
}
