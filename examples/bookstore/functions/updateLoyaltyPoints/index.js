console.log('Loading function update Loyalty Points');

exports.handler = async (event, context) => {
    var LoyaltyPoints = { LoyaltyPoints: event.TotalValue };

    return LoyaltyPoints;  
};
