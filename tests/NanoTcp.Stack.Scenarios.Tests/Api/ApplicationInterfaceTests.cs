using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Api
{
    /// <summary>The application interface (stack/README.md "Application API"): argument checks, error codes, the tracer.</summary>
    [TestClass]
    public sealed class ApplicationInterfaceTests : ScenarioTest
    {
        [TestMethod]
        public void HugeOffsets_AreInvalidArguments_NotExceptions()
        {
            int conn = OpenPassive();
            var buf = new byte[16];
            Assert.AreEqual(TcpError.InvalidArgument, Dut.Send(conn, buf, int.MaxValue, 1));
            Assert.AreEqual(TcpError.InvalidArgument, Dut.Receive(conn, buf, int.MaxValue, 1));
            Assert.IsFalse(Dut.AddStaticArpEntry(1, buf, int.MaxValue - 2));
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void FinThenReset_ReportsResetNotEndOfStream()
        {
            int conn = OpenPassive();
            PeerFinToCloseWait(conn);
            var buf = new byte[4];
            Assert.AreEqual(0, Dut.Receive(conn, buf, 0, 4), "end of stream after the FIN");
            // RFC 9293 §3.10.7.4 second step, CLOSE-WAIT: RST at RCV.NXT → "connection reset" to every later call.
            Peer.Send(Flags.Rst, RemoteIss + 2);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.ConnectionReset, Dut.GetLastError(conn));
            Assert.AreEqual(TcpError.ConnectionReset, Dut.Receive(conn, buf, 0, 4));
            Assert.AreEqual(TcpError.ConnectionReset, Dut.Send(conn, buf, 0, 4));
            Assert.AreEqual(TcpError.ConnectionReset, Dut.SendSpace(conn));
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        [TestMethod]
        public void Tracer_SeesFramesDropsAndStateChanges()
        {
            NewPeer();
            Assert.IsTrue(Dut.AddStaticArpEntry(ScriptedPeer.PeerIp, ScriptedPeer.PeerMac, 0)); // no ARP in the count
            var tracer = new RecordingTracer();
            Dut.Tracer = tracer;
            Listen();
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(PeerMss));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            Peer.DutPort = 81; // no listener: RST
            Peer.Send(Flags.Syn, RemoteIss);
            Peer.ExpectSegment(Flags.Rst | Flags.Ack, 0, RemoteIss + 1);
            Assert.AreEqual(2, tracer.In);
            Assert.AreEqual(2, tracer.Out);
            Assert.AreEqual(1, tracer.Dropped);
            Assert.AreEqual("Closed->SynReceived", tracer.LastTransition);
        }

        private sealed class RecordingTracer : IStackTracer
        {
            public int In, Out, Dropped;
            public string LastTransition;
            public void FrameReceived(byte[] frame, int offset, int length, long nowMs) => In++;
            public void FrameSent(byte[] frame, int offset, int length, bool accepted, long nowMs) => Out++;
            public void FrameDropped(DropReason reason, byte[] frame, int offset, int length, long nowMs) => Dropped++;
            public void TcpStateChanged(int handle, TcpState from, TcpState to, long nowMs) => LastTransition = $"{from}->{to}";
        }
    }
}
