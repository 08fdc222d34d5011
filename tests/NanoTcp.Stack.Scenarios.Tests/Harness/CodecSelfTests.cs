using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Harness
{
    /// <summary>The test-side codec checked against published values, so a DUT failure is never a codec bug.</summary>
    [TestClass]
    public sealed class CodecSelfTests
    {
        [TestMethod]
        public void Checksum_Rfc1071Example()
        {
            // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2; the checksum is its complement.
            byte[] b = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
            Assert.AreEqual((ushort)0x220d, InternetChecksum.Compute(b, 0, b.Length));
        }

        [TestMethod]
        public void Ipv4Header_KnownChecksum()
        {
            // 4500 0073 0000 4000 4011 xxxx c0a8 0001 c0a8 00c7: the classic worked example, checksum 0xb861.
            var p = new Ipv4Packet { Source = 0xc0a80001, Destination = 0xc0a800c7, Protocol = 17, Ttl = 64, Payload = new byte[0x73 - 20] };
            byte[] e = p.Encode();
            Assert.AreEqual((ushort)0xb861, Bytes.U16(e, 10));
            Assert.IsNotNull(Ipv4Packet.Parse(e, out string error), error);
            e[15] ^= 1;
            Assert.IsNull(Ipv4Packet.Parse(e, out error));
            Assert.AreEqual("bad IPv4 header checksum", error);
        }

        private static readonly Segment Template = new Segment
        {
            SourcePort = 40000, DestinationPort = 80, Seq = 0xFFFFFFF0, Ack = 7, Flags = Flags.Syn | Flags.Ack, Window = 1234,
            Options = new[] { TcpOption.Unknown(253, 1), TcpOption.Mss(1460) }, Payload = new byte[] { 1, 2, 3 },
        };

        [TestMethod]
        public void TcpSegment_RoundTripWithOptions_PseudoHeaderCoversAddresses()
        {
            byte[] t = Template.Encode(0xC0000201, 0xC0000202);
            var back = Segment.Parse(t, 0xC0000201, 0xC0000202, out string error);
            Assert.IsNull(error);
            Assert.AreEqual(Template.ToString(), back.ToString());
            Assert.AreEqual((ushort?)1460, back.Mss);
            Assert.IsNull(Segment.Parse(t, 0xC0000201, 0xC0000203, out error), "pseudo-header covers the addresses");
            Assert.AreEqual("bad TCP checksum", error);
        }

        [TestMethod]
        public void TcpSegment_OptionLengthZero_Rejected()
        {
            var bad = Template with { RawOptions = new byte[] { 253, 0, 0, 0 } };
            Assert.IsNull(Segment.Parse(bad.Encode(1, 2), 1, 2, out string error));
            StringAssert.Contains(error, "bad length");
        }
    }
}
