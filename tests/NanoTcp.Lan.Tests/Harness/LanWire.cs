using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Portable.Tests;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Lan.Tests.Harness
{
    /// <summary>
    /// The peers' end of the <see cref="CrossoverCable"/> (the one in-memory link): frames injected here are received
    /// by the stack, frames the stack transmits are taken here. The stack owns the other end.
    /// </summary>
    public sealed class PeerEnd
    {
        private readonly CrossoverCable _cable;
        private readonly byte[] _receive = new byte[2048];

        public PeerEnd(CrossoverCable cable) { _cable = cable; }

        /// <summary>Link state the stack sees.</summary>
        public bool IsUp { get => _cable.EndA.IsUp; set => _cable.EndA.IsUp = value; }

        /// <summary>Queues a frame for the stack (fails the test when the cable is full).</summary>
        public void Inject(byte[] frame) => Inject(frame, frame.Length);

        /// <summary>Queues the first <paramref name="length"/> bytes of <paramref name="frame"/> for the stack (allocation-free).</summary>
        public void Inject(byte[] frame, int length)
        {
            if (!_cable.EndB.Transmit(frame, 0, length)) Assert.Fail("the cable to the stack is full");
        }

        /// <summary>Takes the oldest frame the stack transmitted, or null.</summary>
        public byte[] TakeTransmitted()
        {
            int n = _cable.EndB.Receive(_receive, 0, _receive.Length);
            return n == 0 ? null : _receive.AsSpan(0, n).ToArray();
        }

        /// <summary>Takes every frame the stack transmitted into <paramref name="last"/> (allocation-free); the last one's length, 0 when none.</summary>
        public int DrainInto(byte[] last)
        {
            int length = 0, n;
            while ((n = _cable.EndB.Receive(last, 0, last.Length)) > 0) length = n;
            return length;
        }
    }

    /// <summary>A frame the stack sent, decoded by the test codec down to UDP (when it is UDP).</summary>
    public sealed class SentFrame
    {
        public EthernetFrame Ethernet;
        public Ipv4Packet Ip;
        public Udp Udp;
        public ArpPacket Arp;
        public byte[] Raw;
    }

    /// <summary>
    /// The stack on an in-memory link in virtual time, and the scripted LAN around it: test peers inject
    /// Ethernet/IPv4/UDP frames built with the test codec, and every frame the stack sends is decoded and checked.
    /// </summary>
    public sealed class LanWire
    {
        public static readonly byte[] StackMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
        public static readonly byte[] PeerMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
        public static readonly byte[] Peer2Mac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x03 };
        public static readonly byte[] BroadcastMac = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        public const uint StackIp = 0xC0000202, PeerIp = 0xC0000201, Peer2Ip = 0xC0000203;

        /// <summary>The wire: the stack owns <c>EndA</c>, the scripted peers <see cref="Link"/> (<c>EndB</c>).</summary>
        public readonly CrossoverCable Cable = new CrossoverCable(256, 1514);
        public readonly PeerEnd Link;
        public readonly NetworkStack Stack;
        public readonly StackConfig Config;
        public long Now;

        public LanWire(Action<StackConfig> configure = null)
        {
            Config = new StackConfig { MacAddress = (byte[])StackMac.Clone(), GratuitousArp = false, IsnSecret = new byte[16] };
            Config.Lan.RandomSeed = 12345;
            configure?.Invoke(Config);
            Link = new PeerEnd(Cable);
            Stack = new NetworkStack(Config, Cable.EndA);
        }

        /// <summary>Polls at the current virtual time.</summary>
        public long Poll() => Stack.Poll(Now);

        /// <summary>Advances virtual time to <paramref name="ms"/> (absolute), polling at every deadline on the way.</summary>
        public void RunUntil(long ms)
        {
            for (int guard = 0; guard < 100000; guard++)
            {
                long next = Stack.Poll(Now);
                if (next > ms) { Now = ms; Stack.Poll(Now); return; }
                Now = Math.Max(Now + 1, next);
            }
            Assert.Fail("RunUntil: too many polls");
        }

        public byte[] UdpFrame(byte[] srcMac, byte[] dstMac, uint src, uint dst, int sport, int dport, byte[] payload, bool checksum = true, byte ttl = 64)
        {
            var udp = new Udp { SourcePort = (ushort)sport, DestinationPort = (ushort)dport, Payload = payload };
            var ip = new Ipv4Packet { Source = src, Destination = dst, Protocol = 17, Ttl = ttl, Payload = udp.Encode(src, dst, checksum) };
            return new EthernetFrame { Destination = dstMac, Source = srcMac, EtherType = EthernetFrame.TypeIpv4, Payload = ip.Encode() }.Encode();
        }

        /// <summary>Injects a datagram from the peer (192.0.2.1) to the stack's unicast address and polls.</summary>
        public void FromPeer(int sport, int dport, byte[] payload)
        {
            Link.Inject(UdpFrame(PeerMac, StackMac, PeerIp, Stack.IpAddress, sport, dport, payload));
            Poll();
        }

        public void Inject(byte[] frame)
        {
            Link.Inject(frame);
            Poll();
        }

        /// <summary>Every frame sent since the last call, decoded (any codec error fails the test).</summary>
        public List<SentFrame> Sent()
        {
            var list = new List<SentFrame>();
            byte[] f;
            while ((f = Link.TakeTransmitted()) != null)
            {
                var e = EthernetFrame.Parse(f, out string err);
                Assert.IsNull(err, err);
                var s = new SentFrame { Ethernet = e, Raw = f };
                if (e.EtherType == EthernetFrame.TypeArp)
                {
                    s.Arp = ArpPacket.Parse(e.Payload, out err);
                    Assert.IsNull(err, err);
                }
                else if (e.EtherType == EthernetFrame.TypeIpv4)
                {
                    s.Ip = Ipv4Packet.Parse(e.Payload, out err);
                    Assert.IsNull(err, err);
                    if (s.Ip.Protocol == 17)
                    {
                        s.Udp = Udp.Parse(s.Ip.Payload, s.Ip.Source, s.Ip.Destination, out err);
                        Assert.IsNull(err, err);
                    }
                }
                list.Add(s);
            }
            return list;
        }

        /// <summary>The UDP datagrams among <see cref="Sent"/>.</summary>
        public List<SentFrame> SentUdp() => Sent().FindAll(s => s.Udp != null);

        public long Drops(DropReason r) => Stack.Counters.Drops(r);

        /// <summary>Answers the stack's pending ARP request for <paramref name="ip"/> from <paramref name="mac"/>.</summary>
        public void AnswerArp(uint ip, byte[] mac)
        {
            var arp = new ArpPacket { Operation = ArpPacket.OpReply, SenderMac = mac, SenderIp = ip, TargetMac = StackMac, TargetIp = Stack.IpAddress };
            Inject(new EthernetFrame { Destination = StackMac, Source = mac, EtherType = EthernetFrame.TypeArp, Payload = arp.Encode() }.Encode());
        }
    }
}
