using NanoTcp.Arp;
using NanoTcp.Wire;

namespace NanoTcp
{
    /// <summary>
    /// The Ethernet interface below IP: our addresses, the link, the transmit frame buffer, the neighbour (ARP)
    /// cache, and the one IPv4 egress path every protocol sends through (<see cref="SendIpv4"/>). Nothing above
    /// this class sees a MAC address.
    /// </summary>
    internal sealed partial class NetworkInterface
    {
        /// <summary>Where an IP payload (ICMP, TCP, UDP) starts in <see cref="Tx"/>: after a 14-byte Ethernet and a 20-byte IPv4 header.</summary>
        public const int IpPayloadOffset = EthernetFrame.HeaderLength + Ipv4Packet.MinHeaderLength;

        /// <summary><see cref="SendIpv4"/> results.</summary>
        public const int Sent = 0, Waiting = 1, Failed = 2, Unreachable = 3;

        /// <summary>The one transmit frame: protocols build their payload at <see cref="IpPayloadOffset"/>, headers in place.</summary>
        public readonly byte[] Tx;
        /// <summary>Our address, mask and gateway (0 = none: DHCP sends from 0.0.0.0, RFC 2131 §4.1). Changed by <see cref="SetAddress"/>.</summary>
        public uint Ip, Mask, Gateway;
        /// <summary>
        /// <see cref="Ip"/> as BitConverter.ToUInt32 (one native call) reads its four bytes off the wire in this machine's
        /// byte order: input compares a datagram's destination with it without assembling the address byte by byte.
        /// </summary>
        public uint IpAsRead;

        private readonly StackContext _ctx;
        private readonly ILink _link;
        /// <summary>
        /// Our MAC (first 6 bytes), then what every IPv4 frame we send repeats after it: Tx[6..30), the source MAC,
        /// EtherType IPv4 and the fixed IPv4 fields up to the source address (<see cref="Ipv4Packet.WriteFixedFields"/>).
        /// SendIpv4 copies it natively and writes only the per-datagram fields.
        /// </summary>
        private readonly byte[] _mac = new byte[TemplateLength];
        private const int TemplateLength = EthernetFrame.HeaderLength - EthernetFrame.SourceField + Ipv4Packet.MinHeaderLength - 4;
        private const int TemplateIpv4 = EthernetFrame.HeaderLength - EthernetFrame.SourceField;
        private int _ipIdentification;

        /// <summary>The one receive frame: the stack reads each frame into it and processes it in place.</summary>
        public readonly byte[] Rx;
        // The sender of the datagram in Rx being processed (0: none): replies to it go to the frame's source MAC when
        // the cache has no entry (an echo reply or a RST to a host we never resolved), without caching anything about it.
        private uint _replySource;

        public NetworkInterface(StackContext ctx, ILink link, int frameSize)
        {
            StackConfig cfg = ctx.Config;
            _ctx = ctx;
            _link = link;
            if (cfg.MacAddress != null && cfg.MacAddress.Length >= 6) MacAddress.Copy(cfg.MacAddress, 0, _mac, 0);
            Ip = cfg.IpAddress;
            Mask = cfg.SubnetMask;
            Gateway = cfg.Gateway;
            NetworkOrder.Write16(_mac, TemplateIpv4 - 2, EthernetFrame.TypeIpv4);
            Ipv4Packet.WriteFixedFields(_mac, TemplateIpv4, Ip);
            IpAsRead = System.BitConverter.ToUInt32(_mac, TemplateIpv4 + Ipv4Packet.SourceField);
            Tx = new byte[frameSize];
            Rx = new byte[frameSize];
            _arp = new ArpCache(cfg.ArpEntries, cfg.ArpEntryTimeoutMs, cfg.ArpRequestIntervalMs, cfg.ArpRequestRetries);
        }

        /// <summary>Our MAC address, in the first 6 bytes (compared against received frames).</summary>
        public byte[] Mac { get { return _mac; } }

        public bool IsUp { get { return _link != null && _link.IsUp; } }

        /// <summary>Largest IP payload one frame carries.</summary>
        public int MaxIpPayload { get { return Tx.Length - IpPayloadOffset; } }

        /// <summary>
        /// Sets our address at run time (DHCP; 0 = none). A new address is announced by a gratuitous ARP on the
        /// next Poll (RFC 5227 §2.3).
        /// </summary>
        public void SetAddress(uint ip, uint mask, uint gateway)
        {
            if (ip != Ip) _announced = false;
            Ip = ip;
            Ipv4Packet.WriteFixedFields(_mac, TemplateIpv4, ip);
            IpAsRead = System.BitConverter.ToUInt32(_mac, TemplateIpv4 + Ipv4Packet.SourceField);
            Mask = mask;
            Gateway = gateway;
        }

        /// <summary>Limited broadcast, or the directed broadcast of our subnet (RFC 919, RFC 922).</summary>
        public bool IsBroadcast(uint destination)
        {
            if (destination == Ip4.Broadcast) return true;
            // Host bits all ones ((d | mask) all ones) on our network.
            return (destination | Mask) == 0xFFFFFFFF && Ip != 0 && Mask != 0xFFFFFFFF && (destination & Mask) == (Ip & Mask);
        }

        /// <summary>Reads one frame into <paramref name="buffer"/>; 0 when none is waiting.</summary>
        public int Receive(byte[] buffer)
        {
            return _link == null ? 0 : _link.Receive(buffer, 0, buffer.Length);
        }

        /// <summary>The first hop towards <paramref name="destination"/>: itself on our subnet, else the gateway (0 = unreachable).</summary>
        public uint NextHop(uint destination)
        {
            if ((destination & Mask) == (Ip & Mask)) return destination;
            return Gateway;
        }

        /// <summary>
        /// Sends the IPv4 datagram whose payload (<paramref name="payloadLength"/> bytes of <paramref name="protocol"/>)
        /// is already in <see cref="Tx"/> at <see cref="IpPayloadOffset"/>: resolves the next hop through the ARP
        /// cache, writes the Ethernet and IPv4 headers in front of the payload and transmits. Returns
        /// <see cref="Sent"/>; <see cref="Waiting"/> when the next hop is being resolved (nothing sent: the caller
        /// keeps its data and tries again on a later Poll; the ARP request goes out at the end of this Poll);
        /// <see cref="Failed"/> when the link refused the frame (counted); <see cref="Unreachable"/> without a route.
        /// <paramref name="ttl"/> 0 = <see cref="StackConfig.TimeToLive"/> (mDNS sends 255, RFC 6762 §11).
        /// Broadcast destinations go to the Ethernet broadcast address and multicast groups to their RFC 1112 §6.4
        /// MAC without ARP; those are also the only destinations reachable before we have an address (DHCP sends
        /// from 0.0.0.0, RFC 2131 §4.1).
        /// </summary>
        public int SendIpv4(uint destination, int protocol, int payloadLength, int ttl = 0)
        {
            if (payloadLength < 0 || payloadLength > Tx.Length - IpPayloadOffset) return Failed; // MaxIpPayload
            // Every broadcast address has all host bits set (RFC 919, RFC 922): a unicast datagram, nearly every
            // one, is told apart without the IsBroadcast call.
            if ((destination | Mask) == 0xFFFFFFFF && IsBroadcast(destination)) MacAddress.SetBroadcast(Tx, EthernetFrame.DestinationField);
            else if (Ip4.IsMulticast(destination)) MacAddress.SetIpv4Multicast(destination, Tx, EthernetFrame.DestinationField);
            else
            {
                // NextHop in place (every datagram we send): on our subnet the destination itself, else the gateway.
                uint ip = Ip;
                uint hop = ip == 0 ? 0 : ((destination & Mask) == (ip & Mask) ? destination : Gateway);
                if (hop == 0) return Unreachable;
                if (!_arp.TryGet(hop, _ctx.Now, Tx, EthernetFrame.DestinationField))
                {
                    if (_replySource == 0 || hop != NextHop(_replySource))
                    {
                        if (_arp.Request(hop, _ctx.Now)) _ctx.Counters.ArpMisses++;
                        return Waiting;
                    }
                    MacAddress.Copy(Rx, EthernetFrame.SourceField, Tx, EthernetFrame.DestinationField);
                }
            }
            System.Array.Copy(_mac, 0, Tx, EthernetFrame.SourceField, TemplateLength); // native: 24 bytes in one call
            _ipIdentification = (_ipIdentification + 1) & 0xFFFF;
            Ipv4Packet.WriteVariableFields(Tx, payloadLength, _ipIdentification, (ttl > 0 ? ttl : _ctx.Config.TimeToLive) & 0xFF, protocol, Ip, destination);
            int length = IpPayloadOffset + payloadLength;
            if (Transmit(length)) return Sent;
            _ctx.Drop(DropReason.LinkTransmitFailed, Tx, 0, length);
            return Failed;
        }

        /// <summary>
        /// While the datagram from <paramref name="source"/> in <see cref="Rx"/> is processed, replies to it may use
        /// the frame's source MAC when the cache has none (0: processing ended; 0.0.0.0 never passes input).
        /// </summary>
        public void SetReplyPath(uint source)
        {
            // The source's next hop is worked out only on a cache miss (SendIpv4), not for every frame.
            _replySource = source;
        }

        /// <summary>Sends Tx[0..length), padded to the Ethernet minimum. False when the link refused it.</summary>
        private bool Transmit(int length)
        {
            if (length < EthernetFrame.MinimumLength)
            {
                // Pad short frames (ACKs, ARP) with zeros natively rather than byte by byte in the interpreter.
                System.Array.Clear(Tx, length, EthernetFrame.MinimumLength - length);
                length = EthernetFrame.MinimumLength;
            }
            bool ok = _link != null && _link.IsUp && _link.Transmit(Tx, 0, length); // IsUp, a call less per frame
            if (ok) _ctx.Counters.FramesSent++;
            if (_ctx.Tracer != null) _ctx.Tracer.FrameSent(Tx, 0, length, ok, _ctx.Now);
            return ok;
        }
    }
}
