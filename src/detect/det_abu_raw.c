/*
 * det_abu_raw.c - RM-ABU-002: a raw IP or packet socket held by a
 * process that has no business crafting packets: SYN scanners (masscan,
 * zmap send their own SYNs), DDoS bots (floods with forged sources),
 * sniffers stealing credentials (T1498, T1046, T1040).
 *
 * Facts: s->raw_socks (collect/sock.c: /proc/PID/net/{raw,raw6,packet}
 * of every network namespace), owners via the fd sweep.  Allowlisted by
 * executable name in a system directory: ping, fping, arping,
 * traceroute, mtr-packet, DHCP clients and servers, systemd-networkd,
 * NetworkManager, wpa_supplicant, hostapd, lldpd, keepalived, routing
 * daemons, strongSwan's charon, avahi, IDS sensors, and tcpdump/dumpcap
 * from a terminal (low otherwise).  Severity: a deleted, memfd,
 * writable- or hidden-directory executable, a mass scanner's name or an
 * interpreter running a script from such a place: high; an interpreter
 * or a binary outside the system directories: medium; an unknown
 * program in a system directory: low.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "../collect/rawsock_parse.h"
#include "detect_util.h"
#include "detector.h"
#include "netfan.h"

static const char *const allowed[] = {
	"ping", "ping4", "ping6", "fping", "fping6", "arping", "traceroute",
	"traceroute6", "tracepath", "mtr-packet", "ndisc6", "rdisc6",
	"dhclient", "dhcpcd", "dhcpd", "udhcpc", "udhcpd", "dnsmasq",
	"kea-dhcp4", "kea-dhcp6", "systemd-networkd", "NetworkManager",
	"nm-dhcp-helper", "wpa_supplicant", "hostapd", "lldpd", "ladvd",
	"keepalived", "vrrpd", "radvd", "bird", "bird6", "zebra", "ospfd",
	"ospf6d", "isisd", "pimd", "charon", "charon-systemd", "pluto",
	"avahi-daemon", "avahi-autoipd", "pppd", "pppoe", "arpwatch",
	"suricata", "snort", "zeek", "conntrackd", "ptp4l", "chronyd",
	"openvpn", "wireguard", NULL,
};

static const char *const sniffers[] = {
	"tcpdump", "dumpcap", "tshark", "iftop", "nethogs", "ngrep", NULL,
};

static const char *const mass_scanners[] = {
	"masscan", "zmap", "zgrab", "zgrab2", "pnscan", "xmap", "naabu",
	"hping3", "hping", NULL,
};

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	const struct raw_sock *first = NULL;
	uint32_t nraw = 0, npacket = 0, nall = 0;
	struct finding *f;
	const char *why = NULL, *script = NULL;
	size_t sl = 0;
	bool odd, interp, tty;
	enum severity sev;
	enum confidence conf;

	if (p->flags & PF_KTHREAD_FLAG && p->exe_kind == EXE_NONE)
		return;
	for (size_t i = 0; i < s->nraw_socks; i++) {
		const struct raw_sock *r = &s->raw_socks[i];
		uint32_t n = r->nowners < RM_OWNERS_MAX ? r->nowners :
		    RM_OWNERS_MAX;
		bool mine = false;

		for (uint32_t k = 0; k < n && !mine; k++)
			mine = r->owners[k] == p->pid;
		if (!mine)
			continue;
		if (first == NULL)
			first = r;
		if (r->family == AF_PACKET) {
			npacket++;
			nall += r->proto == 0x0003;
		} else {
			nraw++;
		}
	}
	if (first == NULL || fan_system_prog(p, allowed))
		return;
	tty = p->stdio_kind[0] == FDK_TTY;
	if (fan_system_prog(p, sniffers) && tty)
		return;
	odd = fan_odd_exe(p, &why);
	interp = fan_interpreter(p);
	if (interp)
		script = fan_script_odd(p, &sl);
	if (odd || script || fan_named(p, mass_scanners)) {
		sev = SEV_HIGH;
		conf = CONF_HIGH;
	} else if (fan_system_prog(p, sniffers)) {
		sev = SEV_LOW;
		conf = CONF_LOW;
	} else if (interp || !fan_system_exe(p)) {
		sev = SEV_MEDIUM;
		conf = CONF_MEDIUM;
	} else {
		sev = SEV_LOW;
		conf = CONF_LOW;
	}
	f = findings_add(out, d, "Process %d (%.64s) holds %u raw IP and %u "
	    "packet socket(s): it crafts or sniffs its own packets",
	    (int)p->pid, p->comm ? p->comm : "?", nraw, npacket);
	f->severity = sev;
	f->confidence = conf;
	finding_set_process(f, p, s);
	finding_ev_int(f, "raw_sockets", nraw);
	finding_ev_int(f, "packet_sockets", npacket);
	if (nall)
		finding_ev_int(f, "packet_all_protocols", nall);
	for (size_t i = 0; i < s->nraw_socks; i++) {
		const struct raw_sock *r = &s->raw_socks[i];
		char pn[16], item[96];
		bool mine = false;

		for (uint32_t k = 0; k < r->nowners && k < RM_OWNERS_MAX; k++)
			mine |= r->owners[k] == p->pid;
		if (!mine)
			continue;
		if (r->family == AF_PACKET)
			snprintf(item, sizeof(item), "packet %s %s ifindex %u "
			    "inode %llu", r->type == SOCK_DGRAM ? "dgram" :
			    "raw", packet_proto_name(r->proto, pn, sizeof(pn)),
			    r->ifindex, (unsigned long long)r->inode);
		else
			snprintf(item, sizeof(item), "%s %s inode %llu",
			    r->family == AF_INET6 ? "raw6" : "raw",
			    raw_proto_name(r->proto, pn, sizeof(pn)),
			    (unsigned long long)r->inode);
		finding_ev_list_add(f, "sockets", item);
	}
	if (odd)
		finding_ev_str(f, "executable_location", why);
	if (script)
		finding_ev_strn(f, "script", script, sl);
	if (fan_named(p, mass_scanners))
		finding_ev_str(f, "scanner_tool", "named as a mass scanner or "
		    "packet flooder");
	if (tty)
		finding_ev_bool(f, "from_terminal", true);
}

const struct detector det_abu_raw = {
	.id = "RM-ABU-002",
	.name = "Raw or packet socket held by an unexpected process",
	.category = CAT_ABUSE,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1498", "T1046", "T1040"),
	.description = "A process other than ping, DHCP, network managers, "
	    "routing daemons or a sniffer run from a terminal holds a raw IP "
	    "or AF_PACKET socket: SYN scanners (masscan, zmap), DDoS bots and "
	    "credential sniffers work this way.",
	.remediation = "Keep a copy of /proc/PID/exe, then stop the process; "
	    "find what started it; check egress traffic graphs for floods or "
	    "scans from this host; remove CAP_NET_RAW from services that do "
	    "not need it.",
	.kinds = FACT_PROC,
	.check = check,
};
