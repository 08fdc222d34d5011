using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Portable.Tests;
using W = NanoTcp.Wire;

namespace NanoTcp.Scenarios.Wire
{
    /// <summary>
    /// The interface's IPv4 egress writes the Ethernet and IPv4 headers from a per-interface template (copied
    /// natively) plus the per-datagram fields: the frame must be the golden one byte for byte, also after the
    /// address changed.
    /// </summary>
    [TestClass]
    public sealed class HeaderTemplateTests
    {
        private static readonly byte[] DutMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };

        private static NetworkInterface NewInterface(CrossoverCable cable)
        {
            var cfg = new StackConfig { MacAddress = Golden.PeerMac, IpAddress = Golden.PeerIp, SubnetMask = 0xFFFFFF00, Gateway = 0 };
            var nic = new NetworkInterface(new StackContext(cfg), cable.EndA, 1514);
            Assert.IsTrue(nic.AddStatic(Golden.DutIp, DutMac, 0));
            return nic;
        }

        private static byte[] SendAndCapture(NetworkInterface nic, CrossoverCable cable, uint destination)
        {
            System.Array.Clear(nic.Tx, NetworkInterface.IpPayloadOffset, 24);
            Assert.AreEqual(NetworkInterface.Sent, nic.SendIpv4(destination, W.Ipv4Packet.ProtocolTcp, 24));
            var frame = new byte[1514];
            Assert.AreEqual(60, cable.EndB.Receive(frame, 0, frame.Length));
            return Golden.Slice(frame, 0, NetworkInterface.IpPayloadOffset);
        }

        [TestMethod]
        public void Ipv4Frame_IsTheGoldenFrame()
        {
            var cable = new CrossoverCable(4, 1514);
            NetworkInterface nic = NewInterface(cable);
            byte[] frame = null;
            for (int id = 1; id <= 0x1234; id++) frame = SendAndCapture(nic, cable, Golden.DutIp); // identification 0x1234
            var expected = new byte[NetworkInterface.IpPayloadOffset];
            System.Array.Copy(DutMac, 0, expected, 0, 6);
            System.Array.Copy(Golden.PeerMac, 0, expected, 6, 6);
            expected[12] = 0x08;
            System.Array.Copy(Golden.Ipv4Header, 0, expected, 14, 20);
            CollectionAssert.AreEqual(expected, frame);
        }

        [TestMethod]
        public void NewAddress_IsTheSourceOfTheNextFrame()
        {
            var cable = new CrossoverCable(4, 1514);
            NetworkInterface nic = NewInterface(cable);
            const uint other = 0xC0000263;
            nic.SetAddress(other, 0xFFFFFF00, 0);
            byte[] frame = SendAndCapture(nic, cable, Golden.DutIp);
            var expected = new byte[W.Ipv4Packet.InFrame + 20];
            W.Ipv4Packet.WriteHeader(expected, 24, 1, 64, W.Ipv4Packet.ProtocolTcp, other, Golden.DutIp);
            CollectionAssert.AreEqual(Golden.Slice(expected, 14, 20), Golden.Slice(frame, 14, 20));
            Assert.IsTrue(W.Ipv4Packet.HasValidChecksum(frame, 14, 20));
        }
    }
}
