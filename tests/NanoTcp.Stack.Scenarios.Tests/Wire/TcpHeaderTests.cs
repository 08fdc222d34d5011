using Microsoft.VisualStudio.TestTools.UnitTesting;
using W = NanoTcp.Wire;

namespace NanoTcp.Scenarios.Wire
{
    [TestClass]
    public sealed class TcpHeaderTests
    {
        [TestMethod]
        public void ParseSyn_EveryField()
        {
            byte[] b = Golden.At(Golden.TcpSyn, 34);
            Assert.IsTrue(W.TcpHeader.IsWellFormed(b, 34, 24));
            Assert.IsTrue(W.TcpHeader.HasValidChecksum(b, 34, 24, Golden.PeerIp, Golden.DutIp));
            Assert.AreEqual(40000, W.TcpHeader.SourcePort(b, 34));
            Assert.AreEqual(80, W.TcpHeader.DestinationPort(b, 34));
            Assert.AreEqual(0x01020304u, W.TcpHeader.Sequence(b, 34));
            Assert.AreEqual(0u, W.TcpHeader.Acknowledgment(b, 34));
            Assert.AreEqual(24, W.TcpHeader.HeaderLength(b, 34));
            Assert.AreEqual(W.TcpFlags.Syn, W.TcpHeader.Flags(b, 34));
            Assert.AreEqual(8192, W.TcpHeader.Window(b, 34));
            Assert.AreEqual(1460, W.TcpHeader.MssOption(b, 34));
        }

        [TestMethod]
        public void ParseData_EveryField()
        {
            byte[] b = Golden.TcpData;
            Assert.IsTrue(W.TcpHeader.IsWellFormed(b, 0, 25));
            Assert.IsTrue(W.TcpHeader.HasValidChecksum(b, 0, 25, Golden.DutIp, Golden.PeerIp));
            Assert.AreEqual(80, W.TcpHeader.SourcePort(b, 0));
            Assert.AreEqual(40000, W.TcpHeader.DestinationPort(b, 0));
            Assert.AreEqual(0xfffffff0u, W.TcpHeader.Sequence(b, 0));
            Assert.AreEqual(0x01020305u, W.TcpHeader.Acknowledgment(b, 0));
            Assert.AreEqual(20, W.TcpHeader.HeaderLength(b, 0));
            Assert.AreEqual(W.TcpFlags.Psh | W.TcpFlags.Ack, W.TcpHeader.Flags(b, 0));
            Assert.AreEqual(4096, W.TcpHeader.Window(b, 0));
            Assert.AreEqual(-1, W.TcpHeader.MssOption(b, 0));
            Assert.AreEqual("hello", System.Text.Encoding.ASCII.GetString(b, 20, 5));
        }

        [TestMethod]
        public void BuildSyn_SameBytes()
        {
            var b = new byte[W.TcpHeader.InFrame + 24]; // written where it sits in a frame
            int hl = W.TcpHeader.Write(b, 40000, 80, 0x01020304, 0, W.TcpFlags.Syn, 8192, 1460, 0, Golden.PeerIp, Golden.DutIp);
            Assert.AreEqual(24, hl);
            CollectionAssert.AreEqual(Golden.TcpSyn, Golden.Slice(b, W.TcpHeader.InFrame, 24));
        }

        [TestMethod]
        public void BuildData_SameBytes_PayloadPlacedFirst()
        {
            var b = new byte[W.TcpHeader.InFrame + 25];
            System.Text.Encoding.ASCII.GetBytes("hello", 0, 5, b, W.TcpHeader.InFrame + 20);
            int hl = W.TcpHeader.Write(b, 80, 40000, 0xfffffff0, 0x01020305, W.TcpFlags.Psh | W.TcpFlags.Ack, 4096, 0, 5, Golden.DutIp, Golden.PeerIp);
            Assert.AreEqual(20, hl);
            CollectionAssert.AreEqual(Golden.TcpData, Golden.Slice(b, W.TcpHeader.InFrame, 25));
        }

        [TestMethod]
        public void BadDataOffset_BadOptions_BadChecksum_AreRejected()
        {
            byte[] b = Golden.TcpSyn;
            Assert.IsFalse(W.TcpHeader.IsWellFormed(b, 0, 19), "shorter than a header");
            Assert.IsFalse(W.TcpHeader.IsWellFormed(b, 0, 23), "data offset beyond the segment");
            b[12] = 0x40;
            Assert.IsFalse(W.TcpHeader.IsWellFormed(b, 0, 24), "data offset 4 words");
            b = Golden.TcpSyn;
            b[21] = 5;
            Assert.IsFalse(W.TcpHeader.IsWellFormed(b, 0, 24), "MSS option of length 5 overruns the header");
            b = Golden.TcpSyn;
            b[21] = 1;
            Assert.IsFalse(W.TcpHeader.IsWellFormed(b, 0, 24), "option length below 2");
            b = Golden.TcpSyn;
            b[7] ^= 1;
            Assert.IsFalse(W.TcpHeader.HasValidChecksum(b, 0, 24, Golden.PeerIp, Golden.DutIp));
            Assert.IsFalse(W.TcpHeader.HasValidChecksum(Golden.TcpSyn, 0, 24, Golden.PeerIp, Golden.PeerIp), "pseudo-header covers the addresses");
        }
    }
}
