using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>
    /// Seed vectors V1–V7: the worked examples users learn TCP from (a Wireshark capture of an HTTP exchange,
    /// textbook close sequences, the classic keepalive timings), reproduced with their exact numbers by fixing the ISNs.
    /// </summary>
    [TestClass]
    public sealed class SeedVectors : ScenarioTest
    {
        private const uint ClientIsn = 4225926656;
        private const uint ServerIsn = 3022381253;

        /// <summary>V1's handshake; leaves an accepted ESTABLISHED connection.</summary>
        private int V1Handshake()
        {
            NewPeer(null, ServerIsn);
            Peer.PeerPort = 52413; // the capture's ephemeral client port
            Peer.DutPort = 80;
            Listen();
            Peer.Send(Flags.Syn, ClientIsn, window: 64240, options: TcpOption.Mss(1460));
            // RFC 9293 §3.5: <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>, the SYN consumed one number.
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, 3022381253, 4225926657, window: 4096, mss: 1460);
            Assert.AreEqual(TcpState.SynReceived, Peer.SlotState());
            Peer.Send(Flags.Ack, 4225926657, 3022381254, window: 64240);
            Peer.ExpectNothing();
            int conn = Dut.Accept(Listener);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            return conn;
        }

        [TestMethod]
        public void V1_PassiveOpen_WiresharkCapture_ExactNumbers()
        {
            V1Handshake();
        }

        [TestMethod]
        public void V2_ServerSends537BytesThenClosesFirst_ExactNumbers()
        {
            int conn = V1Handshake();
            // The client's 2374 bytes (1460 + 914): each ACKed at once (delayed ACK is off in scenarios).
            Peer.Send(Flags.Ack | Flags.Psh, 4225926657, 3022381254, window: 64240, payload: Data(1460, 1));
            Peer.ExpectSegment(Flags.Ack, 3022381254, 4225928117, window: 4096 - 1460);
            Peer.Send(Flags.Ack | Flags.Psh, 4225928117, 3022381254, window: 64240, payload: Data(914, 2));
            Peer.ExpectSegment(Flags.Ack, 3022381254, 4225929031, window: 4096 - 2374);
            Assert.AreEqual(2374, ReadAvailable(conn).Length);
            Peer.Pump();
            Peer.DiscardPending(); // a window update after the read is the DUT's choice (RFC 9293 §3.8.6.2.2)

            byte[] response = Data(537, 3);
            Write(conn, response);
            Peer.ExpectSegment(Flags.Ack, 3022381254, 4225929031, payload: response);
            Peer.Send(Flags.Ack, 4225929031, 3022381791, window: 64240);
            Peer.ExpectNothing();

            // Data advanced SND.NXT by 537 (V7): the FIN carries 3022381254 + 537.
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, 3022381791, 4225929031);
            Assert.AreEqual(TcpState.FinWait1, Dut.GetState(conn));

            Peer.Send(Flags.Ack, 4225929031, 3022381792, window: 64240);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.FinWait2, Dut.GetState(conn));

            // 4225926657 + 2374 = 4225929031; the FIN consumes one: ACK 4225929032.
            Peer.Send(Flags.Fin | Flags.Ack, 4225929031, 3022381792, window: 64240);
            Peer.ExpectSegment(Flags.Ack, 3022381792, 4225929032);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
        }

        [TestMethod]
        public void V3_RelativeNumbers_ZeroIsns_DutAsClient()
        {
            // DUT as the client, port 56069 -> 8080, ISN 0 on both sides (absolute = relative numbers).
            NewPeer(null, 0);
            Peer.DutPort = 56069;
            Peer.PeerPort = 8080;
            int client = Dut.Connect(ScriptedPeer.PeerIp, 8080, 56069);
            Assert.IsGreaterThanOrEqualTo(0, client);
            Peer.Pump();
            Peer.ExpectSegment(Flags.Syn, 0, mss: 1460);
            Peer.Send(Flags.Syn | Flags.Ack, 0, 1, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Ack, 1, 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(client));
        }

        [TestMethod]
        public void V3_RelativeNumbers_ZeroIsns_DutAsServer()
        {
            NewPeer(null, 0);
            Peer.DutPort = 8080;
            Peer.PeerPort = 56069;
            Listen();
            Peer.Send(Flags.Syn, 0, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, 0, 1, mss: 1460);
            Peer.Send(Flags.Ack, 1, 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Established, Dut.GetState(Dut.Accept(Listener)));
        }

        [TestMethod]
        public void V4_ActiveCloseByClient_DutAsClient_HalfCloseThenServerFin_ClosedAfter2Msl()
        {
            // DUT is the client: u = Iss+1, v = RemoteIss+1, server sends 100 more bytes, w = v+100.
            int client = OpenActive();
            uint u = Iss + 1, v = RemoteIss + 1, w = v + 100;
            // Shutdown, not Close: the client still wants the server's remaining data (a full Close would
            // answer it with RST, RFC 9293 §3.10.7.4 / RFC 1122 4.2.2.13).
            Assert.AreEqual(TcpError.None, Dut.Shutdown(client));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, u, v);
            Assert.AreEqual(TcpState.FinWait1, Dut.GetState(client));
            Peer.Send(Flags.Ack, v, u + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.FinWait2, Dut.GetState(client));
            // Half-close (RFC 9293 §3.6.1): the server may still send; the DUT still acknowledges.
            Peer.Send(Flags.Ack | Flags.Psh, v, u + 1, payload: Data(100));
            Peer.ExpectSegment(Flags.Ack, u + 1, w);
            CollectionAssert.AreEqual(Data(100), ReadAvailable(client));
            Peer.Send(Flags.Fin | Flags.Ack, w, u + 1);
            Peer.ExpectSegment(Flags.Ack, u + 1, w + 1);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(client));
            long entered = Peer.Now;
            // CLOSED after 2MSL (RFC 9293 §3.10.7.4 eighth step; default 2MSL documented as 60 s).
            Peer.AdvanceTo(entered + Peer.Config.TimeWaitMs - 1);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(client));
            Peer.AdvanceTo(entered + Peer.Config.TimeWaitMs);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(client));
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void V4_ActiveCloseByClient_DutAsServer_CloseWaitSendsThenLastAck_Closed()
        {
            // DUT is the server: u = RemoteIss+1 (client), v = Iss+1 (server), w = v+100.
            int server = OpenPassive();
            uint u = RemoteIss + 1, v = Iss + 1, w = v + 100;
            Peer.Send(Flags.Fin | Flags.Ack, u, v);
            Peer.ExpectSegment(Flags.Ack, v, u + 1);
            Assert.AreEqual(TcpState.CloseWait, Dut.GetState(server));
            Write(server, Data(100));
            Peer.ExpectSegment(Flags.Ack, v, u + 1, payload: Data(100));
            Peer.Send(Flags.Ack, u + 1, w);
            Assert.AreEqual(TcpError.None, Dut.Close(server));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, w, u + 1);
            Assert.AreEqual(TcpState.LastAck, Dut.GetState(server));
            Peer.Send(Flags.Ack, u + 1, w + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(server));
        }

        [TestMethod]
        public void V5_ServerFinIsNPlusS_DutAsServer()
        {
            const int s = 300;
            // DUT is the server: client FIN seq=m, DUT ACK seq=n ack=m+1, DUT sends s bytes, DUT FIN seq=n+s.
            int server = OpenPassive();
            uint m = RemoteIss + 1, n = Iss + 1;
            Peer.Send(Flags.Fin | Flags.Ack, m, n);
            Peer.ExpectSegment(Flags.Ack, n, m + 1);
            Write(server, Data(s));
            Peer.ExpectSegment(Flags.Ack, n, m + 1, payload: Data(s));
            Assert.AreEqual(TcpError.None, Dut.Close(server));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, n + s, m + 1);
            Peer.Send(Flags.Ack, m + 1, n + s + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(server));
        }

        [TestMethod]
        public void V5_ServerFinIsNPlusS_DutAsClient()
        {
            const int s = 300;
            // DUT is the client: DUT FIN seq=m, peer ACK seq=n ack=m+1, peer sends s bytes and FIN seq=n+s.
            int client = OpenActive();
            uint m = Iss + 1, n = RemoteIss + 1;
            Assert.AreEqual(TcpError.None, Dut.Shutdown(client)); // half-close: still receiving
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, m, n);
            Peer.Send(Flags.Ack, n, m + 1);
            Peer.Send(Flags.Ack, n, m + 1, payload: Data(s));
            Peer.ExpectSegment(Flags.Ack, m + 1, n + s);
            Peer.Send(Flags.Fin | Flags.Ack, n + s, m + 1);
            Peer.ExpectSegment(Flags.Ack, m + 1, n + s + 1);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(client));
            CollectionAssert.AreEqual(Data(s), ReadAvailable(client));
        }

        [TestMethod]
        public void V6_KeepAliveDefaults_TwoHoursThen75sTimesTen()
        {
            var defaults = new StackConfig();
            // RFC 1122 4.2.3.6: keepalive MUST default to off; idle MUST default to no less than two hours.
            Assert.IsFalse(defaults.KeepAliveEnabled);
            Assert.AreEqual(7200000, defaults.KeepAliveIdleMs);
            Assert.AreEqual(75000, defaults.KeepAliveIntervalMs);
            Assert.AreEqual(10, defaults.KeepAliveProbes);

            // Turned on with the default timings: probes at 2 h + k·75 s (k = 0..9), then the connection dies.
            int conn = OpenPassive(c => c.KeepAliveEnabled = true);
            long idleStart = Peer.Now;
            Peer.AdvanceTo(idleStart + 7200000 - 1);
            Peer.ExpectNothing();
            for (int k = 0; k < 10; k++)
            {
                long t = idleStart + 7200000 + k * 75000L;
                Peer.AdvanceTo(t);
                ExpectKeepAliveProbe(t);
                Assert.AreEqual(TcpState.Established, Dut.GetState(conn), "probe " + k);
            }
            Peer.AdvanceTo(idleStart + 7200000 + 10 * 75000L);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.TimedOut, Dut.GetLastError(conn));
            // Giving up is an abort (RFC 9293 §3.10.5): <SEQ=SND.NXT><CTL=RST>, so a peer that comes back learns the
            // connection is gone instead of sending into a void (Linux does the same in tcp_keepalive_timer).
            Peer.ExpectSegment(Flags.Rst, Iss + 1, at: idleStart + 7200000 + 10 * 75000L);
            Peer.ExpectNothing();
        }

        /// <summary>RFC 1122 4.2.3.6: SEG.SEQ = SND.NXT − 1; nanoTcp sends it without the optional garbage octet.</summary>
        private void ExpectKeepAliveProbe(long at) => Peer.ExpectSegment(Flags.Ack, Iss, RemoteIss + 1, at: at);

        [TestMethod]
        public void V7_SequenceSpace_SynAndFinTakeOne_AckNone_DataItsLength()
        {
            int conn = OpenPassive();
            // SYN took one: the first data octet is ISS+1.
            Write(conn, Data(10));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(10));
            // A pure ACK takes none: our ACK of the peer's data still carries SND.NXT = ISS+11.
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 11, payload: Data(5));
            Peer.ExpectSegment(Flags.Ack, Iss + 11, RemoteIss + 6);
            Peer.Send(Flags.Ack, RemoteIss + 6, Iss + 11);
            Peer.ExpectNothing();
            // Data advances by its length.
            Write(conn, Data(20));
            Peer.ExpectSegment(Flags.Ack, Iss + 11, RemoteIss + 6, payload: Data(20));
            Peer.Send(Flags.Ack, RemoteIss + 6, Iss + 31);
            // FIN takes one: the peer's FIN at RemoteIss+6 is acknowledged with RemoteIss+7 ...
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 6, Iss + 31);
            Peer.ExpectSegment(Flags.Ack, Iss + 31, RemoteIss + 7);
            CollectionAssert.AreEqual(Data(5), ReadAvailable(conn)); // unread data would turn Close into RST
            // ... and ours at ISS+31 moves SND.NXT to ISS+32.
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 31, RemoteIss + 7);
            Peer.Send(Flags.Ack, RemoteIss + 7, Iss + 32);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
        }
    }
}
