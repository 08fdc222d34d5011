using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Harness
{
    /// <summary>
    /// Base of every scenario class: fixtures that put a connection into a state in a few lines
    /// (smoltcp's <c>socket_established()</c> …), and application-side shortcuts. Numbers: the DUT's ISS is
    /// <see cref="Iss"/>, the peer's is <see cref="RemoteIss"/>, which sits just below 2^32 so every script
    /// crosses the sequence-number wrap.
    /// </summary>
    public abstract class ScenarioTest
    {
        /// <summary>The DUT's initial send sequence number.</summary>
        protected const uint Iss = 10000;
        /// <summary>The peer's initial sequence number: -10001 as in smoltcp's tests.</summary>
        protected static readonly uint RemoteIss = unchecked((uint)-10001); // not const: scripts add to it across the wrap
        /// <summary>MSS the peer announces.</summary>
        protected const int PeerMss = 1460;

        /// <summary>Set by MSTest.</summary>
        public TestContext TestContext { get; set; }

        /// <summary>The scripted peer of the current test (the last one created).</summary>
        protected ScriptedPeer Peer { get; private set; }

        /// <summary>The device under test.</summary>
        protected NetworkStack Dut => Peer.Stack;

        /// <summary>Creates the peer and DUT; <paramref name="isns"/> are the DUT's ISNs (default <see cref="Iss"/>).</summary>
        protected ScriptedPeer NewPeer(Action<StackConfig> configure = null, params uint[] isns)
        {
            Peer = new ScriptedPeer(configure, isns.Length == 0 ? new[] { Iss } : isns);
            return Peer;
        }

        /// <summary>On failure, leaves a pcap of the test's traffic in the results directory.</summary>
        [TestCleanup]
        public void SavePcapOnFailure()
        {
            if (Peer == null || TestContext == null || TestContext.CurrentTestOutcome == UnitTestOutcome.Passed) return;
            string dir = TestContext.TestResultsDirectory ?? Path.GetTempPath();
            Directory.CreateDirectory(dir);
            string path = Path.Combine(dir, TestContext.TestName + ".pcap");
            Peer.WritePcap(path);
            TestContext.WriteLine("pcap: " + path);
        }

        // ---- Fixtures -----------------------------------------------------------------------------------

        /// <summary>The handle the last <see cref="Listen"/> returned.</summary>
        protected int Listener { get; private set; } = -1;

        /// <summary>Listens on the DUT port (asserting success).</summary>
        protected int Listen(int backlog = 1)
        {
            int listener = Dut.Listen(Peer.DutPort, backlog);
            Assert.IsGreaterThanOrEqualTo(0, listener, "Listen failed: " + listener);
            Assert.AreEqual(TcpState.Listen, Dut.GetState(listener));
            Listener = listener;
            return listener;
        }

        /// <summary>
        /// Passive open (RFC 9293 §3.5 figure 6): SYN seq=RemoteIss &lt;mss&gt; → SYN+ACK seq=Iss ack=RemoteIss+1
        /// → ACK → ESTABLISHED, accepted. Afterwards SND.NXT = Iss+1 and RCV.NXT = RemoteIss+1 (or
        /// <paramref name="peerIss"/>+1).
        /// </summary>
        protected int OpenPassive(Action<StackConfig> configure = null, int peerWindow = ScriptedPeer.DefaultWindow, int mss = PeerMss,
            uint? peerIss = null)
        {
            uint remoteIss = peerIss ?? RemoteIss;
            NewPeer(configure);
            Listen();
            Peer.Send(Flags.Syn, remoteIss, window: peerWindow, options: TcpOption.Mss((ushort)mss));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, remoteIss + 1, window: Peer.Config.ReceiveBufferSize, mss: Peer.Config.Mss);
            Peer.Send(Flags.Ack, remoteIss + 1, Iss + 1, window: peerWindow);
            Peer.ExpectNothing();
            int conn = Dut.Accept(Listener);
            Assert.IsGreaterThanOrEqualTo(0, conn, "Accept failed: " + conn);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            return conn;
        }

        /// <summary>
        /// Another passive open on the existing listener from peer port <paramref name="peerPort"/>; the DUT's ISS
        /// is whatever <see cref="ScriptedPeer.Isns"/> hands out next (<paramref name="iss"/>).
        /// </summary>
        protected int HandshakeFrom(ushort peerPort, uint? peerIss = null, uint iss = Iss)
        {
            uint remoteIss = peerIss ?? RemoteIss;
            Peer.PeerPort = peerPort;
            Peer.Send(Flags.Syn, remoteIss, options: TcpOption.Mss(PeerMss));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, iss, remoteIss + 1, mss: Peer.Config.Mss);
            Peer.Send(Flags.Ack, remoteIss + 1, iss + 1);
            Peer.ExpectNothing();
            int conn = Dut.Accept(Listener);
            Assert.IsGreaterThanOrEqualTo(0, conn, "Accept failed: " + conn);
            return conn;
        }

        /// <summary>
        /// Active open (RFC 9293 §3.5 figure 6, DUT on the left): Connect → SYN seq=Iss &lt;mss&gt; → SYN+ACK
        /// seq=RemoteIss ack=Iss+1 → ACK seq=Iss+1 ack=RemoteIss+1 → ESTABLISHED.
        /// </summary>
        protected int OpenActive(Action<StackConfig> configure = null, int peerWindow = ScriptedPeer.DefaultWindow, int mss = PeerMss)
        {
            NewPeer(configure);
            int conn = Connect();
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, window: peerWindow, options: TcpOption.Mss((ushort)mss));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, window: Peer.Config.ReceiveBufferSize);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            return conn;
        }

        /// <summary>Connect from DutPort to PeerPort; asserts the SYN (seq=Iss, our MSS) leaves at once.</summary>
        protected int Connect()
        {
            int conn = Dut.Connect(ScriptedPeer.PeerIp, Peer.PeerPort, Peer.DutPort);
            Assert.IsGreaterThanOrEqualTo(0, conn, "Connect failed: " + conn);
            Peer.Pump();
            Peer.ExpectSegment(Flags.Syn, Iss, window: Peer.Config.ReceiveBufferSize, mss: Peer.Config.Mss);
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            return conn;
        }

        /// <summary>From ESTABLISHED after OpenPassive/OpenActive: Close → FIN seq=Iss+1 → FIN-WAIT-1.</summary>
        protected void CloseToFinWait1(int conn)
        {
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.FinWait1, Dut.GetState(conn));
        }

        /// <summary>FIN-WAIT-1 → (ACK of FIN) → FIN-WAIT-2.</summary>
        protected void AckFinToFinWait2(int conn)
        {
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 2);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.FinWait2, Dut.GetState(conn));
        }

        /// <summary>FIN-WAIT-2 → (peer FIN) → ACK, TIME-WAIT.</summary>
        protected void FinToTimeWait(int conn)
        {
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 2);
            Peer.ExpectSegment(Flags.Ack, Iss + 2, RemoteIss + 2);
            Assert.AreEqual(TcpState.TimeWait, Dut.GetState(conn));
        }

        /// <summary>ESTABLISHED → (peer FIN) → ACK, CLOSE-WAIT.</summary>
        protected void PeerFinToCloseWait(int conn)
        {
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 2);
            Assert.AreEqual(TcpState.CloseWait, Dut.GetState(conn));
        }

        /// <summary>
        /// From ESTABLISHED with RCV.NXT = RemoteIss+1 and nothing read: the peer fills the DUT's whole receive
        /// buffer in MSS-sized segments, each ACKed with the window shrinking to 0. Returns the bytes sent.
        /// </summary>
        protected byte[] FillReceiveWindow(int seed = 3)
        {
            int size = Peer.Config.ReceiveBufferSize;
            byte[] fill = Data(size, seed);
            for (int at = 0; at < size; at += PeerMss)
            {
                int n = Math.Min(PeerMss, size - at);
                Peer.Send(Flags.Ack, RemoteIss + 1 + (uint)at, Iss + 1, payload: fill[at..(at + n)]);
                Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1 + (uint)(at + n), window: size - at - n);
            }
            return fill;
        }

        // ---- Application side ---------------------------------------------------------------------------

        /// <summary>Queues all of <paramref name="data"/> for sending (asserting it fits) and polls.</summary>
        protected void Write(int conn, byte[] data)
        {
            Assert.AreEqual(data.Length, Dut.Send(conn, data, 0, data.Length), "Send queued a different count");
            Peer.Pump();
        }

        /// <summary>Reads everything readable now.</summary>
        protected byte[] ReadAvailable(int conn)
        {
            var all = new List<byte>();
            var buf = new byte[1024];
            for (int i = 0; i < 10000; i++)
            {
                int n = Dut.Receive(conn, buf, 0, buf.Length);
                if (n <= 0) break;
                all.AddRange(new ArraySegment<byte>(buf, 0, n));
            }
            return all.ToArray();
        }

        /// <summary>Deterministic test bytes.</summary>
        protected static byte[] Data(int length, int seed = 1)
        {
            var d = new byte[length];
            for (int i = 0; i < length; i++) d[i] = (byte)(seed * 31 + i * 7);
            return d;
        }

        /// <summary>ASCII bytes.</summary>
        protected static byte[] Text(string s) => System.Text.Encoding.ASCII.GetBytes(s);
    }
}
