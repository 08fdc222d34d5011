using System;

namespace NanoTcp.Enc28j60
{
    /// <summary>ERXFCON bits (ENC28J60 facts §2.6). 0 accepts every frame, bad CRC included.</summary>
    [Flags]
    public enum ReceiveFilters : byte
    {
        /// <summary>Accept everything (promiscuous, no CRC check).</summary>
        None = 0x00,

        /// <summary>UCEN: frames addressed to our MAC address.</summary>
        Unicast = 0x80,

        /// <summary>ANDOR: reject unless every enabled filter matches (default: any filter).</summary>
        AndMode = 0x40,

        /// <summary>CRCEN: discard frames with a bad FCS.</summary>
        CrcCheck = 0x20,

        /// <summary>PMEN: pattern-match filter (errata #18: lets extra frames through).</summary>
        PatternMatch = 0x10,

        /// <summary>MPEN: Magic Packets for our address.</summary>
        MagicPacket = 0x08,

        /// <summary>HTEN: hash-table multicast filter.</summary>
        HashTable = 0x04,

        /// <summary>MCEN: every frame with the group bit set (includes broadcast).</summary>
        Multicast = 0x02,

        /// <summary>BCEN: FF:FF:FF:FF:FF:FF.</summary>
        Broadcast = 0x01,

        /// <summary>The default: unicast to us, broadcast, CRC checked (0xA1, the chip's reset value).</summary>
        Default = Unicast | CrcCheck | Broadcast,
    }
}
