using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>Teardown, rows S31–S45 (RFC 9293 §3.6, §3.10.4–§3.10.7; RFC 1122 4.2.2.13; RFC 1337).</summary>
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
        }

        [TestMethod]
        public void S34_SimultaneousClose_AckLostInClosing_FinRetransmitted_ThenTimeWait()
        {
            // The ACK of our FIN lost in CLOSING: the FIN is retransmitted after the RTO, and the peer's
            // retransmitted FIN is acknowledged again; the late ACK still ends in TIME-WAIT.
            int conn = OpenPassive();
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
        }

        [TestMethod]
        public void S36_ShutdownWithDataQueued_FinRidesOnTheLastDataSegment()
        {
            // The FIN follows the data (RFC 9293 §3.10.4, "queue this until all preceding SENDs have been
            // segmentized"); nanoTcp puts it on the last data segment (one segment fewer, as figure 13's FIN,ACK shows
            // control bits combine).
            int conn = OpenPassive();
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
        }

        [TestMethod]
        public void S37_FinBeyondAHole_ProcessedWhenTheHoleFills()
        {
            int conn = OpenPassive();
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 6, Iss + 1, payload: Text("world"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, payload: Text("hello"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 12);
            Assert.AreEqual(TcpState.CloseWait, Dut.GetState(conn));
            CollectionAssert.AreEqual(Text("helloworld"), ReadAvailable(conn));
            Assert.AreEqual(0, Dut.Receive(conn, new byte[8], 0, 8));
        }

        [TestMethod]
        public void S37_DataAndFinBeyondTheWindow_TrimmedFinIgnored_RetransmissionCompletes()
        {
            // The text is trimmed to the window and the FIN, beyond it, is not processed (RFC 9293 §3.10.7.4 first
            // step, trimming); the retransmission completes it.
            int conn = OpenPassive(c => c.ReceiveBufferSize = 100);
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
        public void S38_LostFin_RetransmittedWithBackoffFromFinWait1_ThenAborted()
        {
            // RTO = 1 s (RFC 6298 §2.4 minimum; the handshake RTT was 0), doubling (§5.5).
            int conn = OpenPassive(c => c.FinRetries = 3);
            CloseToFinWait1(conn); // t=0
            ExpectFinRetransmissions(Iss + 1, RemoteIss + 1, TcpState.FinWait1);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        [TestMethod]
        public void S38_LostFin_RetransmittedWithBackoffFromLastAck_ThenAborted()
        {
            int conn = OpenPassive(c => c.FinRetries = 3);
            PeerFinToCloseWait(conn);
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2, at: 0);
            Assert.AreEqual(TcpState.LastAck, Dut.GetState(conn));
            ExpectFinRetransmissions(Iss + 1, RemoteIss + 2, TcpState.LastAck);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        /// <summary>FIN sent at t=0 with FinRetries = 3: again at 1, 3, 7 s; given up at 15 s.</summary>
        private void ExpectFinRetransmissions(uint seq, uint ack, TcpState state)
        {
            foreach (long t in new long[] { 1000, 3000, 7000 })
            {
                Peer.AdvanceTo(t - 1);
                Peer.ExpectNothing();
                Peer.AdvanceTo(t);
                Peer.ExpectSegment(Flags.Fin | Flags.Ack, seq, ack, at: t);
            }
            Peer.AdvanceTo(14999);
            Assert.AreEqual(state, Peer.SlotState(), "still retrying before the last RTO ran out");
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
        public void S42_SynForTimeWaitTuple_ReopenedOnlyAboveOldRcvNxt()
        {
            // RFC 1122 4.2.2.13 / RFC 6191: a new SYN may reopen TIME-WAIT only if SEG.SEQ > the old RCV.NXT.
            int conn = OpenPassive();
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn);
            FinToTimeWait(conn); // RCV.NXT = RemoteIss + 2
            Peer.Send(Flags.Syn, RemoteIss + 1, options: TcpOption.Mss(1460));
            // Not a reopening SYN, so ordinary TIME-WAIT processing: SEG.SEQ is below RCV.NXT (unacceptable, RFC 9293
            // §3.10.7.4 first step) and a SYN in a synchronized state gets a challenge ACK (fourth step, RFC 5961 §4):
            // either rule gives <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
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
        }

        /// <summary>Two slots, both closed actively into TIME-WAIT from peer ports 40000 and 40001, 100 ms apart.</summary>
        private void TwoSlotsInTimeWait()
        {
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
        }

        [TestMethod]
        public void S42_AllSlotsBusy_OldestTimeWaitReclaimed()
        {
            TwoSlotsInTimeWait();
            // The documented policy (StackConfig.ConnectionSlots): a new connection takes the oldest TIME-WAIT slot.
            HandshakeFrom(40002, RemoteIss + 777);
            Assert.AreEqual(TcpState.Closed, Peer.SlotState(40000), "the oldest TIME-WAIT slot was reclaimed");
            Assert.AreEqual(TcpState.TimeWait, Peer.SlotState(40001));
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40002));
            Assert.AreEqual(1, Dut.Counters.TcpTimeWaitReclaimed);
            CollectionAssert.AreEqual(new[] { 40001 }, Introspection.RemotePortsIn(Dut, TcpState.TimeWait));
        }

        [TestMethod]
        public void S42_AllSlotsLive_SynDroppedWithoutRst_ConnectNoFreeSlot()
        {
            TwoSlotsInTimeWait();
            HandshakeFrom(40002, RemoteIss + 777);
            HandshakeFrom(40003, RemoteIss + 999);
            Assert.AreEqual(TcpState.Closed, Peer.SlotState(40001), "second reclaim took the remaining TIME-WAIT");
            // Only TIME-WAIT is ever reclaimed: with every slot live a SYN is dropped without RST (the client retries)
            // and Connect reports NoFreeSlot.
            Peer.PeerPort = 40004;
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectNothing();
            Assert.AreEqual(1, Dut.Counters.Drops(DropReason.TcpNoSlot));
            Assert.AreEqual(TcpError.NoFreeSlot, Dut.Connect(ScriptedPeer.PeerIp, 9999));
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40002));
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40003));
        }

        [TestMethod]
        public void S42_ClientChurn_EveryConnectReclaimsATimeWaitSlot()
        {
            // Slots exhausted by TIME-WAIT under connection churn (the failure lwIP and Zephyr users met): two slots,
            // ten connect/active-close cycles well within 2MSL; every Connect succeeds by reclaiming a TIME-WAIT slot.
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
        public void S42_TimeWaitWithUnreadData_NeverReclaimed()
        {
            // A half-closed connection reaches TIME-WAIT with data the application has not read yet: reclaiming the
            // slot would lose it, so a new SYN finds no slot.
            NewPeer(c => c.ConnectionSlots = 1);
            Listen(backlog: 2);
            int conn = HandshakeFrom(40000);
            Assert.AreEqual(TcpError.None, Dut.Shutdown(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.Send(Flags.Fin | Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 2, payload: Data(5));
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 7);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
            Peer.PeerPort = 40001;
            Peer.Send(Flags.Syn, RemoteIss + 5000, options: TcpOption.Mss(PeerMss));
            Peer.ExpectNothing();
            Assert.AreEqual(5, Dut.BytesToRead(conn));
            Assert.AreEqual(0L, Dut.Counters.TcpTimeWaitReclaimed);
            CollectionAssert.AreEqual(Data(5), ReadAvailable(conn));
        }

        [TestMethod]
        public void S43_CloseWithUnreadData_Rst_SlotFreed()
        {
            int conn = OpenPassive();
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 1, payload: Text("abc"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 4);
            // RFC 1122 4.2.2.13 / RFC 9293 §3.10.4: CLOSE with unread data → RST <SEQ=SND.NXT> instead of FIN.
            Dut.Close(conn);
            Peer.Pump();
            Peer.ExpectSegment(Flags.Rst, Iss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        [TestMethod]
        public void S43_DataAfterClose_Rst_SlotFreed()
        {
            // Data arriving after the application closed can never be read: RST as well (RFC 1122 4.2.2.13).
            int conn = OpenPassive();
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn);
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 2, payload: Text("late"));
            Peer.ExpectSegment(Flags.Rst, Iss + 2);
            Peer.ExpectNothing();
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        [TestMethod]
        public void S44_AbortInEstablished_RstAtSndNxt_SlotFreedAtOnce()
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
        }

        [TestMethod]
        public void S44_AbortInSynSent_NothingSent()
        {
            // RFC 9293 §3.10.5, SYN-SENT: "delete the TCB", nothing sent.
            NewPeer();
            int client = Connect();
            Assert.AreEqual(TcpError.None, Dut.Abort(client));
            Assert.AreEqual(TcpState.Closed, Dut.GetState(client));
            Peer.AdvanceTo(5000);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S45_FinWait2AfterClose_TimesOut()
        {
            // FIN-WAIT-2 after the application closed: freed after FinWait2TimeoutMs (Linux tcp_fin_timeout).
            int conn = OpenPassive(c => c.FinWait2TimeoutMs = 5000);
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn); // t=0
            Peer.AdvanceTo(4999);
            Assert.AreEqual(TcpState.FinWait2, Dut.GetState(conn));
            Peer.AdvanceTo(5000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
            Assert.AreEqual(1L, Dut.Counters.TcpConnectionsTimedOut);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S45_FinWait2AfterShutdown_WaitsIndefinitely()
        {
            // The timer is for connections the application gave up (closed). After Shutdown the application
            // still reads, so the indefinite FIN-WAIT-2 of RFC 9293 §3.6 applies.
            int conn = OpenPassive(c => c.FinWait2TimeoutMs = 5000);
            Assert.AreEqual(TcpError.None, Dut.Shutdown(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 1);
            AckFinToFinWait2(conn);
            Peer.AdvanceTo(60000);
            Assert.AreEqual(TcpState.FinWait2, Dut.GetState(conn));
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S45_LastAckGivesUp_EveryBufferBack_StaleHandleRejected()
        {
            int conn = OpenPassive(c => { c.FinRetries = 2; c.ConnectionSlots = 2; });
            PeerFinToCloseWait(conn);
            Dut.Close(conn);
            Peer.Pump();
            // LAST-ACK without an answer: FIN at 0, 1, 3 s, given up at 7 s with the abort's RST (RFC 9293 §3.10.5).
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2, at: 0);
            Peer.AdvanceTo(1000);
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2, at: 1000);
            Peer.AdvanceTo(3000);
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2, at: 3000);
            Peer.AdvanceTo(6999);
            Assert.AreEqual(TcpState.LastAck, Dut.GetState(conn));
            Peer.AdvanceTo(7000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Peer.ExpectSegment(Flags.Rst, Iss + 2, at: 7000);
            Peer.ExpectNothing();

            // Every slot and buffer is back: both slots open again with full buffers and windows.
            Assert.AreEqual(2, Dut.FreeConnectionSlots);
            foreach (ushort port in new ushort[] { 40001, 40002 })
            {
                int c = HandshakeFrom(port);
                Assert.AreEqual(Peer.Config.SendBufferSize, Dut.SendSpace(c));
                Assert.AreEqual(0, Dut.BytesToRead(c));
                Assert.AreEqual(Peer.Config.ReceiveBufferSize, Peer.SlotInfo(port).ReceiveWindow);
            }
            Assert.AreEqual(0, Dut.FreeConnectionSlots);
            // The old handle names a reused slot: it must not reach the new connection.
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.InvalidHandle, Dut.Send(conn, new byte[1], 0, 1));
            Assert.AreEqual(TcpError.InvalidHandle, Dut.Abort(conn));
            Peer.Pump();
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40001));
            Assert.AreEqual(TcpState.Established, Peer.SlotState(40002));
        }

    }
}
