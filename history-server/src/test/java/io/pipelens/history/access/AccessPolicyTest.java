package io.pipelens.history.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.history.listing.AttemptAcls;
import io.pipelens.history.listing.AttemptSummary;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  private final AccessPolicy policy =
      new AccessPolicy(new AclConfig(true, List.of("ops"), List.of("sre")));

  @Test
  void theOwnerTheViewersAndEveryKindOfAdminMayView() {
    AttemptSummary app =
        attempt("alice", new AttemptAcls(Set.of("bob"), Set.of("analysts"), Set.of("carol"),
            Set.of("platform")));

    assertThat(policy.mayView(user("alice"), app)).as("owner").isTrue();
    assertThat(policy.mayView(user("bob"), app)).as("spark.ui.view.acls").isTrue();
    assertThat(policy.mayView(user("carol"), app)).as("spark.admin.acls").isTrue();
    assertThat(policy.mayView(user("ops"), app)).as("acls.admin_users").isTrue();
    assertThat(policy.mayView(user("dan", "analysts"), app)).as("spark.ui.view.acls.groups").isTrue();
    assertThat(policy.mayView(user("erin", "platform"), app)).as("spark.admin.acls.groups").isTrue();
    assertThat(policy.mayView(user("frank", "sre"), app)).as("acls.admin_groups").isTrue();

    assertThat(policy.mayView(user("mallory"), app)).isFalse();
    assertThat(policy.mayView(user("mallory", "guests", "Analysts"), app)).isFalse();
    assertThat(policy.mayView(user("Alice"), app)).as("names are case-sensitive, as in Spark").isFalse();
    assertThat(policy.mayView(Identity.ANONYMOUS, app)).isFalse();
  }

  @Test
  void aWildcardOpensTheApplicationToEveryoneEvenAnonymous() {
    AttemptSummary viewStar = attempt("alice", new AttemptAcls(Set.of("*"), Set.of(), Set.of(), Set.of()));
    AttemptSummary groupStar = attempt("alice", new AttemptAcls(Set.of(), Set.of("*"), Set.of(), Set.of()));
    AttemptSummary adminStar = attempt("alice", new AttemptAcls(Set.of(), Set.of(), Set.of("*"), Set.of()));

    for (AttemptSummary app : List.of(viewStar, groupStar, adminStar)) {
      assertThat(policy.mayView(user("mallory"), app)).isTrue();
      assertThat(policy.mayView(Identity.ANONYMOUS, app)).isTrue();
    }
    assertThat(new AccessPolicy(new AclConfig(true, List.of("*"), List.of()))
            .mayView(user("anyone"), attempt("alice", AttemptAcls.NONE)))
        .as("acls.admin_users: [*]")
        .isTrue();
  }

  @Test
  void withoutAclsOnlyTheOwnerAndTheServersAdminsMayView() {
    AttemptSummary app = attempt("alice", AttemptAcls.NONE);
    AttemptSummary ownerless = attempt(null, AttemptAcls.NONE);

    assertThat(policy.mayView(user("alice"), app)).isTrue();
    assertThat(policy.mayView(user("ops"), app)).isTrue();
    assertThat(policy.mayView(user("bob"), app)).isFalse();
    assertThat(policy.mayView(user("ops"), ownerless)).isTrue();
    assertThat(policy.mayView(user("bob"), ownerless)).isFalse();
  }

  @Test
  void disabledAclsLetEveryoneView() {
    AccessPolicy off = new AccessPolicy(AclConfig.defaults());
    AttemptSummary app = attempt("alice", AttemptAcls.NONE);

    assertThat(off.mayView(user("mallory"), app)).isTrue();
    assertThat(off.mayView(Identity.ANONYMOUS, app)).isTrue();
  }

  @Test
  void everyAttemptMustAllowWhenAllAreAsked() {
    AttemptSummary first = attempt("alice", new AttemptAcls(Set.of("bob"), Set.of(), Set.of(), Set.of()));
    AttemptSummary second = attempt("alice", AttemptAcls.NONE);

    assertThat(policy.mayViewAll(user("alice"), List.of(first, second))).isTrue();
    assertThat(policy.mayViewAll(user("bob"), List.of(first, second))).isFalse();
    assertThat(policy.mayViewAll(user("bob"), List.of(first))).isTrue();
  }

  @Test
  void readsSparksCommaSeparatedLists() {
    assertThat(AttemptAcls.names(" bob, ,carol ,,")).containsExactly("bob", "carol");
    assertThat(AttemptAcls.names("")).isEmpty();
    assertThat(AttemptAcls.names(null)).isEmpty();
  }

  private static Identity user(String name, String... groups) {
    return new Identity(name, Set.of(groups));
  }

  private static AttemptSummary attempt(String owner, AttemptAcls acls) {
    return new AttemptSummary("local-1", "app", null, 1L, 2L, 2L, 1L, owner, true, "4.1.2",
        "local-1", null, null, acls);
  }
}
