/*
 * det_exp_imds.c - RM-EXP-004: the instance metadata service answers
 * without a session token (AWS IMDSv1): any process that can make one
 * HTTP request (a web app's SSRF, a miner dropper's curl) reads the
 * instance role's credentials - TeamTNT's and Commando Cat's first move
 * after getting in.
 *
 * Only from a probe made on purpose (collect/expose.c: --imds-probe, or
 * automatically when DMI names a cloud; never in --root): a 200 to
 * GET /latest/meta-data/ without a token is medium.  On Google Cloud and
 * Azure the metadata server has no token mode: it answers any local
 * process that adds the Metadata-Flavor (Metadata) header, so there it is
 * said as info.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xmalloc.h"
#include "detector.h"

static void
check(const struct detector *d, const struct snapshot *s,
      const struct fact *fa, struct findings *out)
{
	const struct imds_fact *im = &s->imds;
	struct finding *f;

	(void)fa;
	if (!im->probed)
		return;
	if (im->cloud && (strcmp(im->cloud, "gcp") == 0 ||
	    strcmp(im->cloud, "azure") == 0)) {
		bool gcp = strcmp(im->cloud, "gcp") == 0;

		f = findings_add(out, d, "%s metadata service: any process on "
		    "this VM can read the instance's service-account token by "
		    "adding the %s header (there is no token mode to turn on)",
		    gcp ? "Google Cloud" : "Azure", gcp ?
		    "Metadata-Flavor: Google" : "Metadata: true");
		f->severity = SEV_INFO;
		f->confidence = CONF_MEDIUM;
		finding_set_remediation(f, "%s", gcp ? "Give the VM a service "
		    "account with the least scopes it needs (or none), and "
		    "block 169.254.169.254 from containers and web apps that "
		    "do not need it (iptables owner match, GKE Workload "
		    "Identity)." : "Assign the VM a managed identity only if "
		    "it needs one, with the least roles, and block "
		    "169.254.169.254 from workloads that do not need it.");
	} else if (im->status == 200) {
		f = findings_add(out, d, "the instance metadata service "
		    "answers without a session token (IMDSv1): one HTTP "
		    "request from any process, or an SSRF, reads the "
		    "instance role's credentials");
		f->severity = SEV_MEDIUM;
		f->confidence = CONF_HIGH;
		finding_set_remediation(f, "Require IMDSv2 tokens: aws ec2 "
		    "modify-instance-metadata-options --instance-id ID "
		    "--http-tokens required --http-put-response-hop-limit 1 "
		    "(the hop limit keeps containers out); set the same "
		    "default in launch templates.  Then check CloudTrail for "
		    "use of the role's keys from elsewhere.");
	} else {
		return;
	}
	f->dest_port = 80;
	free(f->dest_ip);
	f->dest_ip = xstrdup("169.254.169.254");
	finding_ev_str(f, "cloud", im->cloud ? im->cloud : "unknown");
	finding_ev_int(f, "http_status", im->status);
	finding_ev_str(f, "request", "GET /latest/meta-data/ (no token)");
	finding_ev_int(f, "probe_ms", im->ms);
	if (im->server)
		finding_ev_str(f, "server", im->server);
}

const struct detector det_exp_imds = {
	.id = "RM-EXP-004",
	.name = "Metadata service answers without a token",
	.category = CAT_EXPOSURE,
	.severity = SEV_MEDIUM,
	.techniques = TECHNIQUES("T1552.005"),
	.description = "The cloud instance metadata service answers a "
	    "request without a session token (AWS IMDSv1), so one request "
	    "from any process or an SSRF steals the instance role's keys "
	    "(probed only with --imds-probe or on a cloud VM).",
	.remediation = "Require IMDSv2: aws ec2 modify-instance-metadata-"
	    "options --http-tokens required --http-put-response-hop-limit 1.",
	.kinds = FACT_HOST,
	.check = check,
};
