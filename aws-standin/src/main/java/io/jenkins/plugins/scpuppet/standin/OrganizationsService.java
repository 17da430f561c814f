package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** AWS Organizations (awsJson1_1): one organization with a root, nested OUs and accounts. */
public final class OrganizationsService implements JsonService {
    public static final String ROOT = "r-root";
    private final Map<String, String> ouNames = new LinkedHashMap<>();
    private final Map<String, String> parents = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private volatile Consumer<String> onAccount = id -> {};

    /** An account in the organization. */
    public record Account(String id, String name, String email, String status) {}

    @Override
    public String targetPrefix() {
        return "AWSOrganizationsV20161128";
    }

    public synchronized OrganizationsService ou(String id, String name, String parent) {
        ouNames.put(id, name);
        parents.put(id, parent);
        return this;
    }

    /** Told of every account added, as AWS Organizations creates OrganizationAccountAccessRole in it. */
    void onAccount(Consumer<String> listener) {
        this.onAccount = listener;
    }

    public synchronized OrganizationsService account(String id, String name, String parent, boolean active) {
        onAccount.accept(id);
        accounts.put(id, new Account(id, name, name + "@example.com", active ? "ACTIVE" : "SUSPENDED"));
        parents.put(id, parent);
        return this;
    }

    @Override
    public synchronized JsonNode handle(Caller c, String op, JsonNode in) {
        ObjectNode out = AwsStandIn.JSON.createObjectNode();
        switch (op) {
            case "ListRoots" ->
                out.putArray("Roots").addObject().put("Id", ROOT).put("Name", "Root");
            case "ListOrganizationalUnitsForParent" -> {
                ArrayNode list = out.putArray("OrganizationalUnits");
                children(in.path("ParentId").asText(), true)
                        .forEach(id -> list.addObject()
                                .put("Id", id)
                                .put("Name", ouNames.get(id))
                                .put("Arn", "arn:aws:organizations::1:ou/o-standin/" + id));
            }
            case "ListAccountsForParent" -> {
                ArrayNode list = out.putArray("Accounts");
                children(in.path("ParentId").asText(), false)
                        .forEach(id -> account(list.addObject(), accounts.get(id)));
            }
            case "DescribeAccount" -> {
                Account a = accounts.get(in.path("AccountId").asText());
                if (a == null) {
                    throw new AwsError(
                            "AccountNotFoundException",
                            "account " + in.path("AccountId").asText());
                }
                account(out.putObject("Account"), a);
            }
            case "DescribeOrganization" -> out.putObject("Organization").put("Id", "o-standin");
            default -> throw new AwsError("UnknownOperationException", "Organizations " + op + " is not implemented");
        }
        return out;
    }

    private List<String> children(String parent, boolean ous) {
        if (!parent.equals(ROOT) && !ouNames.containsKey(parent)) {
            throw new AwsError("ParentNotFoundException", "parent " + parent + " not found");
        }
        List<String> out = new ArrayList<>();
        parents.forEach((child, p) -> {
            if (p.equals(parent) && (ous ? ouNames.containsKey(child) : accounts.containsKey(child))) {
                out.add(child);
            }
        });
        return out;
    }

    private static void account(ObjectNode n, Account a) {
        n.put("Id", a.id())
                .put("Name", a.name())
                .put("Email", a.email())
                .put("Status", a.status())
                .put("Arn", "arn:aws:organizations::111111111111:account/o-standin/" + a.id());
    }
}
