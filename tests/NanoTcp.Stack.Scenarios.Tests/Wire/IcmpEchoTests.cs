using Microsoft.VisualStudio.TestTools.UnitTesting;
using W = NanoTcp.Wire;

namespace NanoTcp.Scenarios.Wire
{
    [TestClass]
    public sealed class IcmpEchoTests
    {
        [TestMethod]
        public void Parse_EveryField()
        {
            byte[] b = Golden.At(Golden.IcmpEchoRequest, 34);
            Assert.IsTrue(W.IcmpEcho.IsWellFormed(12));
            Assert.IsTrue(W.IcmpEcho.HasValidChecksum(b, 34, 12));
            Assert.AreEqual(W.IcmpEcho.TypeEchoRequest, W.IcmpEcho.Type(b, 34));
            Assert.AreEqual(0, W.IcmpEcho.Code(b, 34));
            Assert.AreEqual(0x1234, W.IcmpEcho.Identifier(b, 34));
            Assert.AreEqual(1, W.IcmpEcho.Sequence(b, 34));
        }

        [TestMethod]
        public void Build_SameBytes()
        {
            var b = new byte[12];
            b[8] = (byte)'a'; b[9] = (byte)'b'; b[10] = (byte)'c'; b[11] = (byte)'d';
            W.IcmpEcho.Write(b, 0, W.IcmpEcho.TypeEchoRequest, 0x1234, 1, 4);
            CollectionAssert.AreEqual(Golden.IcmpEchoRequest, b);
        }

        [TestMethod]
        public void Short_Or_Corrupted_IsRejected()
        {
            Assert.IsFalse(W.IcmpEcho.IsWellFormed(7));
            byte[] b = Golden.IcmpEchoRequest;
            b[11] ^= 1;
            Assert.IsFalse(W.IcmpEcho.HasValidChecksum(b, 0, 12));
        }
    }
}
