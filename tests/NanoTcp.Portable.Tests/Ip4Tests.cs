#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp;

namespace NanoTcp.Portable.Tests
{
    [TestClass]
    public class Ip4Tests
    {
        [TestMethod]
        public void AddressPutsTheFirstOctetInTheMostSignificantByte()
        {
            Assert.AreEqual(0xC0000202u, Ip4.Address(192, 0, 2, 2));
            Assert.AreEqual(192, Ip4.Octet(0xC0000202u, 0));
            Assert.AreEqual(2, Ip4.Octet(0xC0000202u, 3));
        }

        [TestMethod]
        public void TextRoundTrips()
        {
            uint address;
            Assert.IsTrue(Ip4.TryParse("192.0.2.1", out address));
            Assert.AreEqual(Ip4.Address(192, 0, 2, 1), address);
            Assert.AreEqual("192.0.2.1", Ip4.ToString(address));
        }

        [TestMethod]
        public void MalformedTextIsRejected()
        {
            uint address;
            Assert.IsFalse(Ip4.TryParse("192.0.2", out address));
            Assert.IsFalse(Ip4.TryParse("192.0.2.256", out address));
            Assert.IsFalse(Ip4.TryParse("a.b.c.d", out address));
            Assert.IsFalse(Ip4.TryParse("", out address));
        }
    }
}
