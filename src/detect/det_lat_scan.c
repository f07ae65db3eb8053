/*
 * det_lat_scan.c - RM-LAT-001: a process scanning or worming: outbound
 * TCP to many distinct hosts on the ports worms look for, or a mass
 * scanner by name (T1046, T1021.004, T1210).
 *
 * Ports (THREATS LAT-1, LAT-2): SSH 22, 222, 2222, 2022, 2200, 8022,
 * 10022, 62612; Docker 2375, 2376; Kubernetes 6443, 10250, 10255; Redis
 * 6379; WebLogic 7001; Portainer agent 9001.  Databases (3306, 5432)
 * are left out: application servers talk to many shards.  Counted per
 * process: distinct remote addresses (netns-aware, loopback never) in
 * ESTABLISHED or SYN_SENT; >= 20 high, >= 10 medium (high from an odd
 * executable), one level lower for a non-interpreter program in a system
 * directory none of whose connections is unanswered (a Redis Cluster
 * client, a Jenkins controller with SSH agents).  An inbound
 * connection to sshd is not outbound (its remote port is the client's),
 * and an admin's ssh session is one host.  sshd itself and monitoring
 * or load-balancing daemons in system directories (prometheus, kubelet,
 * kube-apiserver, haproxy, nginx, envoy, redis-sentinel...) are exempt.
 * Scanner tools (masscan, zmap, zgrab, pnscan, fscan, naabu...) are
 * reported by name whatever their connections: they send their own
 * packets (RM-ABU-002 sees their packet sockets).
 */
#include "detect_util.h"
#include "detector.h"
#include "netfan.h"

#define SCAN_HIGH_HOSTS 20
#define SCAN_MED_HOSTS 10

static bool
lat_scan_port(uint16_t port)
{
	switch (port) {
	case 22: case 222: case 2222: case 2022: case 2200: case 8022:
	case 10022: case 62612:                   /* SSH */
	case 2375: case 2376:                     /* Docker API */
	case 6443: case 10250: case 10255:        /* Kubernetes */
	case 6379:                                /* Redis */
	case 7001:                                /* WebLogic */
	case 9001:                                /* Portainer agent */
		return true;
	default:
		return false;
	}
}

static const char *const exempt[] = {
	"sshd", "prometheus", "vmagent", "victoria-metrics", "kube-apiserver",
	"metrics-server", "kubelet", "telegraf", "grafana-agent", "alloy",
	"otelcol", "otelcol-contrib", "haproxy", "nginx", "envoy", "traefik",
	"redis-sentinel", "redis-server", "keydb-server", "zabbix_server",
	"zabbix_proxy", "nagios", "icinga2", NULL,
};

/* Mass scanners: rarely on a server for a good reason. */
static const char *const mass_scanners[] = {
	"masscan", "zmap", "zgrab", "zgrab2", "pnscan", "fscan", "naabu",
	"rustscan", "xmap", "pscan", "sshscan", "ssh-scan", NULL,
};

/* Admin tools: worth a word unless run from a terminal. */
static const char *const admin_scanners[] = { "nmap", NULL };

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct proc *p = fa->u.proc;
	struct fan_view v;
	struct finding *f;
	const char *why = NULL;
	bool odd, mass, admin, tty, calm;
	enum severity sev = SEV_INFO;
	enum confidence conf = CONF_LOW;

	if (p->flags & PF_KTHREAD_FLAG && p->exe_kind == EXE_NONE)
		return;
	if (fan_system_prog(p, exempt))
		return;
	fan_count(s, p, lat_scan_port, &v);
	odd = fan_odd_exe(p, &why);
	mass = fan_named(p, mass_scanners);
	admin = fan_named(p, admin_scanners);
	tty = p->stdio_kind[0] == FDK_TTY;
	if (v.hosts >= SCAN_HIGH_HOSTS) {
		sev = SEV_HIGH;
		conf = odd || v.syn_sent * 2 >= v.conns ? CONF_HIGH
		    : CONF_MEDIUM;
	} else if (v.hosts >= SCAN_MED_HOSTS) {
		sev = odd ? SEV_HIGH : SEV_MEDIUM;
		conf = CONF_MEDIUM;
	}
	/* a packaged program with every connection answered: a Redis
	 * Cluster client, a CI controller with SSH agents; one level down */
	calm = sev > SEV_INFO && v.syn_sent == 0 && !odd && fan_system_exe(p) &&
	    !fan_interpreter(p);
	if (calm) {
		sev = sev == SEV_HIGH ? SEV_MEDIUM : SEV_LOW;
		conf = CONF_LOW;
	}
	if (mass) {
		enum severity ms = odd || !tty || !fan_system_exe(p) ?
		    SEV_HIGH : SEV_MEDIUM;

		if (ms > sev) {
			sev = ms;
			conf = CONF_HIGH;
		}
	} else if (admin) {
		enum severity as = odd ? SEV_HIGH : tty ? SEV_LOW : SEV_MEDIUM;

		if (as > sev) {
			sev = as;
			conf = CONF_MEDIUM;
		}
	}
	if (sev == SEV_INFO)
		return;
	if (v.hosts)
		f = findings_add(out, d, "Process %d (%.64s) connects to %u "
		    "distinct hosts on SSH/Docker/Kubernetes/Redis ports (%u "
		    "unanswered): scanning or spreading", (int)p->pid,
		    p->comm ? p->comm : "?", v.hosts, v.syn_sent);
	else
		f = findings_add(out, d, "Process %d (%.64s) is a network "
		    "scanner", (int)p->pid, p->comm ? p->comm : "?");
	f->severity = sev;
	f->confidence = conf;
	finding_set_process(f, p, s);
	fan_ev_counts(f, &v, "hosts", "connections");
	if (mass || admin)
		finding_ev_str(f, "scanner_tool", "named as a port scanner");
	if (odd)
		finding_ev_str(f, "executable_location", why);
	if (tty)
		finding_ev_bool(f, "from_terminal", true);
	if (calm)
		finding_ev_str(f, "note", "a program from a system directory "
		    "whose connections were all answered (a cluster client, a "
		    "CI controller?): lowered one level");
	fan_ev_close(f, &v);
}

const struct detector det_lat_scan = {
	.id = "RM-LAT-001",
	.name = "Scanning or worming to many hosts",
	.category = CAT_LATERAL_MOVEMENT,
	.severity = SEV_HIGH,
	.techniques = TECHNIQUES("T1046", "T1021.004", "T1210", "T1595.001"),
	.description = "A process connects to many distinct hosts on SSH, "
	    "Docker, Kubernetes, Redis, WebLogic or Portainer ports, or is a "
	    "mass scanner (masscan, zmap, zgrab, pnscan): the server is "
	    "looking for its next victims.",
	.remediation = "Stop the process and keep a copy of its executable; "
	    "find what started it (cron, systemd, a shell); block outbound "
	    "22/2375/6379/10250 from this host at the firewall; warn the "
	    "owners of the hosts it reached and rotate SSH keys found on it.",
	.kinds = FACT_PROC,
	.check = check,
};
